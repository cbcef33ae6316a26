/**
 * Whether to colour output. NO_COLOR (https://no-color.org) wins over a TTY;
 * FORCE_COLOR (as chalk and supports-color read it) wins over everything, so
 * CI systems that render ANSI can ask for it through a pipe.
 */
export function shouldUseColor(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv,
  flag?: boolean,
): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}
