/* global setImmediate */
// Imported first by scan.mjs: every host name lookup fails at once, so the scan never
// touches the network. The tool asks GitHub for translations at start and falls back to
// its bundled English when that fails. (node:dns is one object for ESM and CommonJS, so
// the tool's CommonJS code sees the replaced functions.)
import dns from 'node:dns';

const offline = (hostname) => Object.assign(new Error(`offline: ${String(hostname)}`), { code: 'ENOTFOUND', hostname });

dns.lookup = (hostname, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  setImmediate(() => done(offline(hostname)));
};
dns.promises.lookup = (hostname) => Promise.reject(offline(hostname));
