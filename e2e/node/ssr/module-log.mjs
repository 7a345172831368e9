// `node --import ./module-log.mjs`: writes the URL of every module the process resolves, one a line,
// to the file named by MODULE_LOG (the hooks run on their own thread, so they append to a file).
import { register } from 'node:module';

register('./module-log-hooks.mjs', import.meta.url);
