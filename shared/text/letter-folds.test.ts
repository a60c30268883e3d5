import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../places/place-search';
import { LETTER_FOLDS } from './letter-folds';
import { foldText } from './text-match';

describe('one letter table for both searches', () => {
  it('the summary search and the place search read every listed letter alike (dj and d being one for the summary search)', () => {
    for (const letter of Object.keys(LETTER_FOLDS)) {
      for (const word of [letter, `a${letter}a`, letter.toUpperCase()]) {
        // Punctuation is the place search's business only (ŀ decomposes to l and a middle dot under NFKD).
        const letters = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, '');
        expect(letters(foldText(word)), word).toBe(letters(foldForSearch(word)).replace(/dj+/g, 'd'));
      }
    }
  });

  it('đ, ђ and dj find each other in both', () => {
    expect(foldForSearch('Đevđelija')).toBe(foldForSearch('Djevdjelija'));
    expect(foldForSearch('Ђевђелија')).toBe(foldForSearch('Djevdjelija'));
    expect(foldText('Đorđe')).toBe(foldText('Djordje'));
    expect(foldText('Ђорђе')).toBe(foldText('Dorde'));
  });
});
