/**
 * The local rule against strings given to Leaflet as popup, tooltip or divIcon markup,
 * run by ESLint's RuleTester: without type information (what the syntax shows) and with
 * it (any expression whose type may be a string), over code that uses Leaflet's types.
 */
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { noLeafletHtmlStrings } from './no-leaflet-html-strings.mjs';

RuleTester.describe = describe;
// RuleTester checks each case with node:assert, which Vitest does not count: each case is
// one expectation that its checks do not throw (every test must assert, vitest.config.ts).
RuleTester.it = (name: string, run: () => void) => {
  it(name, () => {
    expect(run).not.toThrow();
  });
};

const fixture = path.join(import.meta.dirname, 'fixture');
const filename = path.join(fixture, 'file.ts');
const prelude = "import * as L from 'leaflet';\ndeclare const marker: L.Marker;\ndeclare const map: L.Map;\ndeclare const userText: string;\ndeclare const element: HTMLElement;\n";

const syntaxOnly = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
const typed = new RuleTester({
  languageOptions: {
    parser: tseslint.parser,
    // Each case lints different code under one file name. typescript-eslint assumes a
    // single lint run when CI=true and then never refreshes the program from the case's
    // code, so later cases were typed against an earlier case's text: the CI-only failure.
    parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixture, disallowAutomaticSingleRunInference: true },
  },
});

const error = { messageId: 'markup' };

describe('no-leaflet-html-strings without type information', () => {
  syntaxOnly.run('no-leaflet-html-strings', noLeafletHtmlStrings, {
    valid: [
      'marker.bindPopup(element);',
      'marker.bindPopup(() => popupContent(point));',
      'marker.bindTooltip(content, { sticky: true });',
      "L.divIcon({ className: 'rw-point-dot', iconSize: [12, 12] });",
      'L.divIcon({ html: text, className: "label" });',
      "layer.openPopup(latlng);",
      "somethingElse('<b>not Leaflet</b>');",
      "element.setContent('<b>unknown receiver without types</b>');",
    ],
    invalid: [
      { code: "marker.bindPopup('<b>' + name + '</b>');", errors: [error] },
      { code: 'marker.bindPopup(`<b>${name}</b>`);', errors: [error] },
      { code: "marker.bindTooltip('plain words');", errors: [error] },
      { code: 'marker.setPopupContent(name + "");', errors: [error] },
      { code: "marker.setTooltipContent(ok ? element : 'fallback');", errors: [error] },
      { code: "marker.bindPopup(() => '<i>' + summary + '</i>');", errors: [error] },
      { code: "marker.bindPopup(name ?? 'unknown');", errors: [error] },
      { code: "L.divIcon({ html: '' });", errors: [error] },
      { code: "L.divIcon({ html: `<span>${label}</span>`, className: 'x' });", errors: [error] },
      { code: "divIcon({ 'html': '<b>x</b>' });", errors: [error] },
      { code: "new L.DivIcon({ html: '<b>x</b>' });", errors: [error] },
      { code: "L.popup({ content: '<b>x</b>' });", errors: [error] },
      { code: "L.tooltip({ content: `<b>${x}</b>` });", errors: [error] },
      { code: "map.openPopup('<b>x</b>', latlng);", errors: [error] },
    ],
  });
});

describe('no-leaflet-html-strings with type information', () => {
  typed.run('no-leaflet-html-strings', noLeafletHtmlStrings, {
    valid: [
      { filename, code: `${prelude}marker.bindPopup(element);` },
      { filename, code: `${prelude}marker.bindPopup(() => element);` },
      { filename, code: `${prelude}const text = document.createElement('span');\ntext.textContent = userText;\nL.divIcon({ html: text });` },
      { filename, code: `${prelude}L.divIcon({ className: 'dot', iconSize: [4, 4] });` },
      { filename, code: `${prelude}declare const options: L.DivIconOptions;\nL.divIcon(options);` },
      { filename, code: `${prelude}const popup = L.popup();\npopup.setContent(element);` },
      { filename, code: `${prelude}marker.openPopup();` },
    ],
    invalid: [
      { filename, code: `${prelude}marker.bindPopup(userText);`, errors: [error] },
      { filename, code: `${prelude}declare function describe(): string;\nmarker.bindTooltip(describe());`, errors: [error] },
      { filename, code: `${prelude}declare const either: string | HTMLElement;\nmarker.setPopupContent(either);`, errors: [error] },
      { filename, code: `${prelude}declare function content(): string;\nmarker.bindPopup(content);`, errors: [error] },
      { filename, code: `${prelude}marker.bindPopup((layer) => String(layer));`, errors: [error] },
      { filename, code: `${prelude}L.divIcon({ html: userText.trim() });`, errors: [error] },
      { filename, code: `${prelude}const options = { html: userText, className: 'x' };\nL.divIcon(options);`, errors: [error] },
      { filename, code: `${prelude}const popup = L.popup();\npopup.setContent(userText);`, errors: [error] },
      { filename, code: `${prelude}declare const tooltip: L.Tooltip;\ntooltip.setContent(\`<b>\${userText}</b>\`);`, errors: [error] },
      { filename, code: `${prelude}map.openTooltip(userText, [0, 0]);`, errors: [error] },
    ],
  });
});
