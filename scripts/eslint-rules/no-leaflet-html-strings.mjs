// @ts-check
/**
 * Local ESLint rule `routewatch/no-leaflet-html-strings`.
 *
 * Leaflet parses a string given as a popup's or tooltip's content, or as a divIcon's
 * `html`, as HTML (innerHTML): a place name or a summary typed as `<img onerror=...>`
 * would run. User text must reach Leaflet inside an element whose text was set with
 * `textContent` (renderer/map/map-text.ts). This rule reports any string handed to:
 *
 * - `bindPopup`, `bindTooltip`, `setPopupContent`, `setTooltipContent` (first argument,
 *   or what a function given there returns);
 * - `openPopup` / `openTooltip` with content and a position (Map's form);
 * - `divIcon({ html })` / `new DivIcon({ html })`, and `popup({ content })` /
 *   `tooltip({ content })` / `new Popup(...)` / `new Tooltip(...)`;
 * - `setContent` on a Leaflet Popup or Tooltip (with type information only).
 *
 * Without type information it sees string literals, template literals, `+` with a
 * string, and conditionals or `??`/`||` over them. With type information (the repo's
 * config has it) it also reports any expression whose type may be a string (a variable,
 * a call, a `string | HTMLElement` union). An empty literal `''` is a string too: leave
 * the option out instead.
 */
import ts from 'typescript';

const CONTENT_METHODS = new Set(['bindPopup', 'bindTooltip', 'setPopupContent', 'setTooltipContent']);
const OPEN_METHODS = new Set(['openPopup', 'openTooltip']);
/** Factories and classes whose options object carries markup, and the option's name. */
const OPTION_MARKUP = new Map([
  ['divIcon', 'html'],
  ['DivIcon', 'html'],
  ['popup', 'content'],
  ['Popup', 'content'],
  ['tooltip', 'content'],
  ['Tooltip', 'content'],
]);
/** Leaflet classes whose `setContent` parses a string. */
const CONTENT_CLASSES = new Set(['Popup', 'Tooltip', 'DivOverlay']);

/** @typedef {import('estree').Node} Node */
/** @typedef {import('estree').Expression | import('estree').SpreadElement | import('estree').Pattern} Argument */

/** @type {import('eslint').Rule.RuleModule} */
export const noLeafletHtmlStrings = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid strings (parsed as HTML by Leaflet) as popup, tooltip and divIcon content: build an element and set its textContent.' },
    schema: [],
    messages: {
      markup: '{{where}} is given a string, which Leaflet parses as HTML. Build an element and set its textContent (renderer/map/map-text.ts).',
    },
  },
  create(context) {
    const services = /** @type {any} */ (context.sourceCode.parserServices);
    /** @type {ts.TypeChecker | null} */
    const checker = services?.program ? services.program.getTypeChecker() : null;

    /** @param {Node} node */
    const tsTypeOf = (node) => {
      if (checker === null) return null;
      const tsNode = services.esTreeNodeToTSNodeMap?.get(node);
      return tsNode === undefined ? null : checker.getTypeAtLocation(tsNode);
    };

    /**
     * A type that is, or may be, a string; a function type whose call returns one.
     * @param {ts.Type} type
     * @param {number} depth
     * @returns {boolean}
     */
    const typeMayBeString = (type, depth = 0) => {
      if (checker === null || depth > 3) return false;
      const parts = type.isUnion() ? type.types : [type];
      for (const part of parts) {
        if ((part.getFlags() & ts.TypeFlags.StringLike) !== 0) return true;
        for (const signature of part.getCallSignatures()) {
          if (typeMayBeString(checker.getReturnTypeOfSignature(signature), depth + 1)) return true;
        }
      }
      return false;
    };

    /**
     * Whether the expression is (or may be) a string.
     * @param {Node} node
     * @returns {boolean}
     */
    const isString = (node) => {
      switch (node.type) {
        case 'Literal':
          if (typeof node.value === 'string') return true;
          break;
        case 'TemplateLiteral':
        case 'TaggedTemplateExpression':
          if (node.type === 'TemplateLiteral' || checker === null) return true;
          break;
        case 'BinaryExpression':
          if (node.operator === '+' && (isString(node.left) || isString(node.right))) return true;
          break;
        case 'ConditionalExpression':
          if (isString(node.consequent) || isString(node.alternate)) return true;
          break;
        case 'LogicalExpression':
          if (isString(node.left) || isString(node.right)) return true;
          break;
        case 'ArrowFunctionExpression':
          if (node.body.type !== 'BlockStatement' && isString(node.body)) return true;
          break;
        default:
          break;
      }
      const type = tsTypeOf(node);
      return type !== null && typeMayBeString(type);
    };

    /**
     * Report `node` when it is a string.
     * @param {Node | undefined} node
     * @param {string} where
     */
    const check = (node, where) => {
      if (node === undefined || node.type === 'SpreadElement') return;
      if (isString(node)) context.report({ node, messageId: 'markup', data: { where } });
    };

    /** @param {Node} callee */
    const calleeName = (callee) => {
      if (callee.type === 'Identifier') return callee.name;
      if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
      return null;
    };

    /**
     * The markup option of an options argument: the property of an object literal, or,
     * with types, the option's type on whatever object is passed.
     * @param {Node | undefined} options
     * @param {string} option
     * @param {string} where
     */
    const checkOption = (options, option, where) => {
      if (options === undefined) return;
      if (options.type === 'ObjectExpression') {
        for (const property of options.properties) {
          if (property.type === 'Property' && !property.computed && ((property.key.type === 'Identifier' && property.key.name === option) || (property.key.type === 'Literal' && property.key.value === option))) {
            check(/** @type {Node} */ (property.value), `${where}'s ${option}`);
          } else if (property.type === 'SpreadElement') {
            checkTypedOption(property.argument, option, where);
          }
        }
        return;
      }
      checkTypedOption(options, option, where);
    };

    /**
     * @param {Node} options
     * @param {string} option
     * @param {string} where
     */
    const checkTypedOption = (options, option, where) => {
      const type = tsTypeOf(options);
      if (type === null || checker === null) return;
      const symbol = checker.getPropertyOfType(type, option);
      const tsNode = services.esTreeNodeToTSNodeMap.get(options);
      if (symbol === undefined || tsNode === undefined) return;
      // The declared option type of Leaflet's own interfaces (string | HTMLElement) says nothing of the value:
      // only a type narrowed at the object (a variable typed by its literal) is judged.
      const declared = symbol.declarations?.some((d) => d.getSourceFile().fileName.includes('/node_modules/'));
      if (declared === true) return;
      if (typeMayBeString(checker.getTypeOfSymbolAtLocation(symbol, tsNode))) context.report({ node: options, messageId: 'markup', data: { where: `${where}'s ${option}` } });
    };

    /** @param {Node} receiver */
    const isContentClass = (receiver) => {
      const type = tsTypeOf(receiver);
      if (type === null) return false;
      const parts = type.isUnion() ? type.types : [type];
      return parts.some((part) => {
        const name = (part.getSymbol() ?? part.aliasSymbol)?.getName();
        return name !== undefined && CONTENT_CLASSES.has(name);
      });
    };

    /** @param {import('estree').CallExpression | import('estree').NewExpression} node */
    const visit = (node) => {
      const name = calleeName(/** @type {Node} */ (node.callee));
      if (name === null) return;
      const [first, second] = node.arguments;
      if (node.type === 'CallExpression' && CONTENT_METHODS.has(name)) {
        check(first, name);
      } else if (node.type === 'CallExpression' && OPEN_METHODS.has(name) && second !== undefined) {
        check(first, name);
      } else if (OPTION_MARKUP.has(name)) {
        const option = /** @type {string} */ (OPTION_MARKUP.get(name));
        checkOption(first, option, name);
        // L.popup(options, source) / new L.Popup(latlng, options) in Leaflet 1.9: options may come second.
        if (name !== 'divIcon' && name !== 'DivIcon') checkOption(second, option, name);
      } else if (node.type === 'CallExpression' && name === 'setContent' && node.callee.type === 'MemberExpression' && isContentClass(/** @type {Node} */ (node.callee.object))) {
        check(first, 'setContent');
      }
    };

    return { CallExpression: visit, NewExpression: visit };
  },
};
