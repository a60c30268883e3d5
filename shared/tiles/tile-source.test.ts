import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OSM_STANDARD, parseTileSource, tileUrl } from './tile-source';

const valid = {
  id: 'hq-tiles',
  name: 'HQ tile server',
  urlTemplate: 'https://tiles.example.org/{z}/{x}/{y}.png',
  attribution: '© HQ, © OpenStreetMap contributors',
  maxZoom: 16,
  allowsBulkDownload: true,
};

describe('tile sources', () => {
  it('accepts a plain https or http template, with or without subdomains', () => {
    expect(parseTileSource(valid)).toMatchObject({ ok: true, source: { ...valid, subdomains: [] } });
    expect(parseTileSource({ ...valid, urlTemplate: 'http://127.0.0.1:8080/t/{z}/{x}/{y}.png' }).ok).toBe(true);
    expect(parseTileSource({ ...valid, urlTemplate: 'https://{s}.tiles.example.org/{z}/{x}/{y}', subdomains: ['a', 'b'] }).ok).toBe(true);
    expect(parseTileSource(OSM_STANDARD).ok).toBe(true);
  });

  it('names each problem of a bad template', () => {
    const problems = (urlTemplate: string, extra: object = {}) => {
      const result = parseTileSource({ ...valid, urlTemplate, ...extra });
      return result.ok ? [] : result.problems;
    };
    expect(problems('ftp://tiles.example.org/{z}/{x}/{y}.png')).toEqual(['template.scheme']);
    expect(problems('javascript:alert(1)//{z}/{x}/{y}')).toEqual(['template.syntax']);
    expect(problems('file:///etc/{z}/{x}/{y}')).toContain('template.scheme');
    expect(problems('https://user:pw@tiles.example.org/{z}/{x}/{y}')).toEqual(['template.credentials']);
    expect(problems('https://tiles.example.org/{z}/{x}.png')).toEqual(['template.placeholders']);
    expect(problems('https://tiles.example.org/{z}/{x}/{-y}.png')).toEqual(['template.placeholders', 'template.unknownPlaceholder']);
    expect(problems('https://{s}.example.org/{z}/{x}/{y}')).toEqual(['subdomains']);
    expect(problems('https://tiles example.org/{z}/{x}/{y}')).toEqual(['template.host', 'template.syntax']);
    expect(problems('')).toEqual(['template.length']);
    expect(problems(`https://t.example.org/${'a'.repeat(2100)}/{z}/{x}/{y}`)).toEqual(['template.length']);
  });

  it('refuses bad fields with their own codes, all at once', () => {
    const result = parseTileSource({ ...valid, id: '../etc', name: ' ', attribution: 'a\u0000b', maxZoom: 30 });
    expect(result).toEqual({ ok: false, problems: ['id', 'name', 'attribution', 'maxZoom'] });
    expect(parseTileSource({ ...valid, extra: 1 }).ok).toBe(false);
    expect(parseTileSource(null).ok).toBe(false);
  });

  it('never accepts a template that is not an http(s) URL, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = parseTileSource({ ...valid, urlTemplate: text });
        if (result.ok) {
          expect(result.source.urlTemplate).toMatch(/^https?:\/\/[^@/?#]+\//i);
          expect(tileUrl(result.source, { z: 1, x: 0, y: 1 })).not.toMatch(/\{[zxy]\}/);
        }
      }),
    );
    fc.assert(
      fc.property(fc.webUrl(), fc.string({ maxLength: 20 }), (url, noise) => {
        const result = parseTileSource({ ...valid, urlTemplate: `${url}${noise}` });
        // Without the three placeholders no generated URL is ever a usable template.
        if (!`${url}${noise}`.includes('{z}')) expect(result.ok).toBe(false);
      }),
    );
  });

  it('fills a template, rotating subdomains by tile', () => {
    const source = { urlTemplate: 'https://{s}.t.example.org/{z}/{x}/{y}.png', subdomains: ['a', 'b', 'c'] };
    expect(tileUrl(source, { z: 9, x: 285, y: 185 })).toBe('https://c.t.example.org/9/285/185.png');
    expect(tileUrl(source, { z: 9, x: 285, y: 185 })).toBe(tileUrl(source, { z: 9, x: 285, y: 185 }));
    expect(tileUrl(OSM_STANDARD, { z: 1, x: 0, y: 1 })).toBe('https://tile.openstreetmap.org/1/0/1.png');
  });

  it('keeps OpenStreetMap for viewing only, with its attribution', () => {
    expect(OSM_STANDARD.allowsBulkDownload).toBe(false);
    expect(OSM_STANDARD.attribution).toBe('© OpenStreetMap contributors');
  });
});
