/**
 * Other names of gazetteer places, by place id: the spelling with diacritics where the
 * gazetteer's `name` has none, the name in the other script, and the names a
 * neighbouring language uses (Serbian for a Macedonian town, Hungarian for a town in
 * Vojvodina, Albanian for the Presevo valley). Monitors type whichever name they hear,
 * so the place search looks them up too.
 *
 * Kept beside the gazetteer rather than in it because `Place` has no field for them
 * yet; an office's own places can bring theirs through `createPlaceSearch`'s options.
 */
export const PLACE_ALTERNATIVE_NAMES: Readonly<Record<string, readonly string[]>> = {
  'gr-idomeni': ['Eidomeni'],
  'mk-gevgelija': ['Đevđelija', 'Ђевђелија', 'Γευγελή'],
  'rs-presevo': ['Preševo', 'Preshevë'],
  'rs-bujanovac': ['Bujanoc'],
  'rs-belgrade': ['Beograd'],
  'rs-krnjaca': ['Krnjača'],
  'rs-horgos': ['Horgoš'],
  'rs-subotica': ['Szabadka'],
  'rs-sombor': ['Zombor'],
  'rs-kikinda': ['Nagykikinda'],
  'rs-sid': ['Šid'],
  'rs-adasevci': ['Adaševci'],
  'xk-pristina': ['Priština', 'Приштина', 'Prishtina'],
};
