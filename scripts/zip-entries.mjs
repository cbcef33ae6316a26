// Lists the entries of a zip archive (a .vsix) from its central directory, so the
// packaging script and tests can check what ships without an unzip tool.
export function listZipEntries(buffer) {
  const endSignature = 0x06054b50;
  let end = -1;
  // The end-of-central-directory record sits in the last 64 KiB + 22 bytes (after an optional comment).
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65557); i--) {
    if (buffer.readUInt32LE(i) === endSignature) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip archive');
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error('corrupt central directory');
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, size, compressedSize });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The content of one entry (stored or deflated), or undefined when it is absent. */
export async function readZipEntry(buffer, wanted) {
  const { inflateRawSync } = await import('node:zlib');
  let offset = 0;
  while (offset + 30 <= buffer.length && buffer.readUInt32LE(offset) === 0x04034b50) {
    const flags = buffer.readUInt16LE(offset + 6);
    const method = buffer.readUInt16LE(offset + 8);
    const nameLength = buffer.readUInt16LE(offset + 26);
    const extraLength = buffer.readUInt16LE(offset + 28);
    const name = buffer.toString('utf8', offset + 30, offset + 30 + nameLength);
    const dataStart = offset + 30 + nameLength + extraLength;
    // Sizes may only be in the data descriptor (flag bit 3); take them from the central directory then.
    const central = listZipEntries(buffer).find((entry) => entry.name === name);
    const compressedSize = flags & 8 ? central.compressedSize : buffer.readUInt32LE(offset + 18);
    if (name === wanted) {
      const data = buffer.subarray(dataStart, dataStart + compressedSize);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    offset = dataStart + compressedSize + (flags & 8 ? (buffer.readUInt32LE(dataStart + compressedSize) === 0x08074b50 ? 16 : 12) : 0);
  }
  return undefined;
}
