// Types of no-leaflet-html-strings.mjs, for its test (the ESLint config imports the .mjs itself).
import type { Rule } from 'eslint';

export declare const noLeafletHtmlStrings: Rule.RuleModule;
