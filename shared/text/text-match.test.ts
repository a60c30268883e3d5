import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, matchesWords, queryWords, textMatches } from './text-match';

describe('foldText', () => {
  it('drops case and diacritics', () => {
    expect(foldText('Preševo ŽENA Čačak Ćuprija')).toBe('presevo zena cacak cuprija');
    expect(foldText('Ørsted Łódź straße İzmir')).toBe('orsted lodz strasse izmir');
  });

  it('folds the letters NFD leaves whole (đ) like their Latin spelling, and dj as đ', () => {
    expect(foldText('Đorđe Đevđelija')).toBe('dorde devdelija');
    expect(foldText('Djordje Djevdjelija')).toBe('dorde devdelija');
    expect(textMatches('Đorđe from Đevđelija', 'djordje djevdjelija')).toBe(true);
    expect(textMatches('Djordje', 'Đorđe')).toBe(true);
    expect(foldText(foldText('djj Djj'))).toBe(foldText('djj Djj'));
  });

  it('reads Serbian and Macedonian Cyrillic as folded Latin', () => {
    expect(foldText('Прешево, жена')).toBe('presevo, zena');
    expect(foldText('Љубљана Њиш Ђорђе Ћуприја Џеп')).toBe('ljubljana njis dorde cuprija dzep');
    expect(foldText('Гевгелија Ѓорче Ќерка Ѕвезда')).toBe('gevgelija gorce kerka dzvezda');
  });

  it('splits ligatures and compatibility forms', () => {
    expect(foldText('ǄEP ﬁle ＡＢＣ')).toBe('dzep file abc');
  });

  it('keeps ASCII as it is, in lower case', () => {
    expect(foldText('Group of 37 <b>walking</b> north')).toBe('group of 37 <b>walking</b> north');
  });

  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(foldText(foldText(s))).toBe(foldText(s));
      }),
    );
  });
});

describe('queryWords', () => {
  it('folds, splits on white space, trims punctuation around words and drops repeats', () => {
    expect(queryWords('  Preševo,   ŽENA  "presevo" e-mail ')).toEqual(['presevo', 'zena', 'e-mail']);
  });

  it('is empty for a blank or punctuation-only query (no text filter)', () => {
    expect(queryWords('')).toEqual([]);
    expect(queryWords(' \t\n ')).toEqual([]);
    expect(queryWords(' , . ')).toEqual([]);
  });
});

describe('matching', () => {
  it('needs every word, in any order, anywhere (also inside a longer word)', () => {
    const summary = foldText('Group of 12 near Preševo; one žena with two children.');
    expect(matchesWords(summary, ['presevo', 'zena'])).toBe(true);
    expect(matchesWords(summary, ['zena', 'presevo'])).toBe(true);
    expect(matchesWords(summary, ['presev'])).toBe(true);
    expect(matchesWords(summary, ['presevo', 'tabanovce'])).toBe(false);
    expect(matchesWords(summary, [])).toBe(true);
  });

  it('finds Latin text by Cyrillic words and the other way round', () => {
    expect(textMatches('Група код Прешева', 'presev')).toBe(true);
    expect(textMatches('Grupa kod Preševa', 'Прешев')).toBe(true);
    expect(textMatches('Grupa kod Preševa', 'Табановце')).toBe(false);
  });

  it('finds a text by each word it contains, typed in upper case', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }), (words) => {
        const text = words.join(' ');
        for (const word of words) expect(textMatches(text, word.toUpperCase()), word).toBe(true);
      }),
    );
  });
});
