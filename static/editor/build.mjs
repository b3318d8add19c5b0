// Bundles src/bank-editor.js into ../vendor/codemirror/ with the licences of every package
// the bundle contains, read from esbuild's list of the files it used.
import { build } from "esbuild";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

const out = "../vendor/codemirror";
await mkdir(out, { recursive: true });
const result = await build({
  entryPoints: ["src/bank-editor.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  legalComments: "none",
  metafile: true,
  outfile: `${out}/bank-editor.min.js`,
});

// node_modules/<name> or node_modules/@scope/<name>, for each input file of the bundle.
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (match) packages.add(match[1]);
}
const sections = [];
for (const name of [...packages].sort()) {
  const folder = join("node_modules", name);
  const { version, license } = JSON.parse(await readFile(join(folder, "package.json"), "utf8"));
  const file = (await readdir(folder)).find((entry) => /^(licen[cs]e|copying)/i.test(entry));
  if (!file) throw new Error(`${name} has no licence file`);
  const text = await readFile(join(folder, file), "utf8");
  sections.push(`${name} ${version} (${license})\n${"-".repeat(60)}\n${text.trim()}\n`);
}
await writeFile(
  `${out}/LICENSES.txt`,
  "The packages bundled into bank-editor.min.js, from the npm registry, with their licences.\n\n" +
    sections.join("\n"),
);
console.log(`${out}/bank-editor.min.js: ${packages.size} packages bundled`);
