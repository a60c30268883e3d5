import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { MISSIONS } from '../../shared/observations/codelists';
import type { Mission } from '../../shared/observations/codelists';
import { createPlaceSearch } from '../../shared/places/place-search';
import type { Place } from '../../shared/places/place';
import { codelistLabel } from '../i18n/codelist-label';
import { currentLanguage, t } from '../i18n/i18n';
import { ChoiceDisclosure } from './choice-disclosure';
import type { ChoiceGroup } from './choice-disclosure';

const missionCountries: ReadonlySet<string> = new Set(MISSIONS.filter((m) => m !== 'HQ'));

function isMissionCountry(code: string): code is Exclude<Mission, 'HQ'> {
  return missionCountries.has(code);
}

/**
 * The name of a gazetteer country code in the UI language. A country with a mission is
 * named as its mission is, so that the place and mission filters agree (and Kosovo
 * carries the organisation's footnote mark); others as the browser names them.
 */
export function placeCountryName(code: string): string {
  if (isMissionCountry(code)) return codelistLabel('mission', code);
  try {
    return new Intl.DisplayNames([currentLanguage()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Places in groups by country, groups in the order their first place comes in `places`. */
function byCountry(places: readonly Place[]): ChoiceGroup[] {
  const groups = new Map<string, Place[]>();
  for (const place of places) {
    const group = groups.get(place.country);
    if (group) group.push(place);
    else groups.set(place.country, [place]);
  }
  return [...groups].map(([country, list]) => ({
    key: country,
    legend: placeCountryName(country),
    options: list.map((place) => ({
      value: place.id,
      label: place.name,
      detail: place.nameLocal !== '' && place.nameLocal !== place.name ? place.nameLocal : undefined,
    })),
  }));
}

interface PlaceFilterProps {
  places: readonly Place[];
  placesById: ReadonlyMap<string, Place>;
  selected: readonly string[];
  onChange: (placeIds: string[]) => void;
}

/**
 * Places: the gazetteer grouped by country, with a find box that takes Latin or
 * Cyrillic with or without diacritics (the shared place search, as in the capture
 * form); found places keep the search's ranking, best first.
 */
export function PlaceFilter({ places, placesById, selected, onChange }: PlaceFilterProps): ReactNode {
  const [query, setQuery] = useState('');
  const search = useMemo(() => createPlaceSearch(places), [places]);
  const sorted = useMemo(() => {
    const collator = new Intl.Collator(currentLanguage(), { sensitivity: 'base' });
    return [...places].sort((a, b) => collator.compare(placeCountryName(a.country), placeCountryName(b.country)) || collator.compare(a.name, b.name));
  }, [places]);
  const shown = query.trim() === '' ? sorted : search.search(query, places.length).map((match) => match.place);
  return (
    <ChoiceDisclosure
      label={t('filter.places')}
      groups={byCountry(shown)}
      selected={selected}
      onChange={onChange}
      clearLabel={t('filter.placesClear')}
      labelOf={(id) => placesById.get(id)?.name ?? id}
      find={{ label: t('filter.placeFind'), query, onQuery: setQuery, noMatch: t('filter.placeNoMatch') }}
    />
  );
}
