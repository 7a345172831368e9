// A rollup plugin that ships the npm entry's declarations the way Node's ESM resolution reads
// them in a `"type": "module"` package: relative specifiers end in `.js` (moduleResolution
// node16/nodenext reject extensionless ones; bundler accepts both), and only the .d.ts files the
// entry's public types reach are written, not one per source file.
import { dirname, posix, relative, resolve } from 'node:path';
import type { Plugin } from 'rollup';
import ts from 'typescript';

const RELATIVE_SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"]*)\2/g;

/** Emits `entry`'s declarations (and those it imports) into the output folder, with `.js` specifiers, laid out as the sources are under `root` (default: the entry's folder). */
export function publicDeclarations(entry: string, tsconfig = 'tsconfig.json', root = dirname(entry)): Plugin {
  return {
    name: 'public-declarations',
    generateBundle() {
      const parsed = ts.getParsedCommandLineOfConfigFile(resolve(tsconfig), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
      const rootDir = resolve(root);
      const outDir = resolve('.declarations'); // never written: emit goes to memory
      const options: ts.CompilerOptions = { ...parsed?.options, noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir, outDir, paths: undefined };
      const emitted = new Map<string, string>();
      const program = ts.createProgram([resolve(entry)], options);
      const result = program.emit(undefined, (file, text) => emitted.set(relative(outDir, file).split('\\').join('/'), text));
      if (result.diagnostics.length) this.error(ts.formatDiagnostics(result.diagnostics, ts.createCompilerHost(options)));

      const start = relative(rootDir, resolve(entry)).replace(/\.ts$/, '.d.ts');
      const pending = [start];
      const written = new Set<string>();
      while (pending.length) {
        const file = pending.pop()!;
        if (written.has(file)) continue;
        written.add(file);
        const text = emitted.get(file);
        if (text === undefined) this.error(`no declarations emitted for ${file}`);
        const source = text.replace(RELATIVE_SPECIFIER, (_whole, keyword: string, quote: string, specifier: string) => {
          const target = posix.join(posix.dirname(file), specifier);
          for (const [declaration, withExtension] of [[`${target}.d.ts`, `${specifier}.js`], [`${target}/index.d.ts`, `${specifier}/index.js`]]) {
            if (emitted.has(declaration)) {
              pending.push(declaration);
              return `${keyword}${quote}${withExtension}${quote}`;
            }
          }
          return this.error(`${file}: cannot resolve ${specifier} among the emitted declarations`);
        });
        this.emitFile({ type: 'asset', fileName: file, source });
      }
    },
  };
}
