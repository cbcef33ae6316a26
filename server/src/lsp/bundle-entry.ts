/** The bundled server's entry: the extension forks this file with `--node-ipc`. */
import { main } from './main';

main(process.argv.slice(2));
