/**
 * Settings of online map tiles: which source (or none), "offline only", the user's own
 * XYZ sources (added with every problem named, removed), the tiles kept as seen (their
 * size, limit and "Clear viewed tiles"), and the saved areas.
 */
import './tile-settings-panel.css';
import { useEffect, useId, useState } from 'react';
import type { SyntheticEvent } from 'react';
import { parseTileSource, type TileSourceProblem } from '../../shared/tiles/tile-source';
import { isTooLong, tooLongAria, TooLongMessage } from '../app/too-long';
import { formatNumber, t } from '../i18n/i18n';
import { SavedAreasList } from '../map/tiles/saved-areas-list';
import { tileServices } from '../map/tiles/tile-services';
import { MAX_CUSTOM_SOURCES, onTileSettingsChange, readTileSettings, tileSources, updateTileSettings } from '../map/tiles/tile-settings';
import { ViewedTilesSection } from '../map/tiles/viewed-tiles-section';

/** The typed fields of a new source, and the longest text each takes. */
const FIELD_KEYS = ['name', 'urlTemplate', 'subdomains', 'attribution'] as const;
const FIELD_LIMITS: Record<(typeof FIELD_KEYS)[number], number> = { name: 80, urlTemplate: 2048, subdomains: 200, attribution: 300 };

const EMPTY_FORM = { name: '', urlTemplate: '', subdomains: '', attribution: '', maxZoom: '19', bulk: false };

function newSourceId(): string {
  return `custom-${crypto.randomUUID().slice(0, 8)}`;
}

export function TileSettingsPanel() {
  const id = useId();
  const services = tileServices();
  const [settings, setSettings] = useState(readTileSettings);
  const [form, setForm] = useState(EMPTY_FORM);
  const [problems, setProblems] = useState<TileSourceProblem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => onTileSettingsChange(() => setSettings(readTileSettings())), []);

  const sources = tileSources(settings);

  function add(event: SyntheticEvent) {
    event.preventDefault();
    setNotice(null);
    // A field over its limit says so beside it (kept whole): nothing is added until it is shortened.
    if (FIELD_KEYS.some((key) => isTooLong(form[key], FIELD_LIMITS[key]))) return;
    if (settings.customSources.length >= MAX_CUSTOM_SOURCES) {
      setNotice(t('tiles.settings.tooMany', { max: MAX_CUSTOM_SOURCES }));
      return;
    }
    const maxZoom = form.maxZoom.trim() === '' ? Number.NaN : Number(form.maxZoom);
    const result = parseTileSource({
      id: newSourceId(),
      name: form.name,
      urlTemplate: form.urlTemplate.trim(),
      subdomains: form.subdomains
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      attribution: form.attribution,
      maxZoom,
      allowsBulkDownload: form.bulk,
    });
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    updateTileSettings((s) => ({ ...s, customSources: [...s.customSources, result.source] }));
    setForm(EMPTY_FORM);
    setNotice(t('tiles.settings.added', { name: result.source.name }));
  }

  const field = (key: 'name' | 'urlTemplate' | 'subdomains' | 'attribution', label: Parameters<typeof t>[0], maxLength: number) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(label)}</label>
      <input
        id={`${id}-${key}`}
        value={form[key]}
        spellCheck={false}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        {...tooLongAria(`${id}-${key}-long`, form[key], maxLength)}
      />
      {/* Kept whole and said to be too long; Add refuses it (add). */}
      <TooLongMessage id={`${id}-${key}-long`} label={t(label)} value={form[key]} max={maxLength} />
    </div>
  );

  return (
    <section className="tile-settings" aria-labelledby={`${id}-title`} data-testid="tile-settings">
      <h2 id={`${id}-title`}>{t('tiles.settings.title')}</h2>
      {/* Three groups side by side where the card is wide: the source in use, adding one, what is kept. */}
      <div className="tile-settings-groups">
        <div className="tile-settings-group">
          <p className="muted">{t('tiles.settings.help')}</p>
          <div className="field">
            <label htmlFor={`${id}-source`}>{t('tiles.settings.source')}</label>
            <select
              id={`${id}-source`}
              value={settings.sourceId ?? ''}
              onChange={(e) => updateTileSettings((s) => ({ ...s, sourceId: e.target.value === '' ? null : e.target.value }))}
            >
              <option value="">{t('tiles.settings.none')}</option>
              {sources.map((source) => (
                <option key={source.id} value={source.id}>
                  {source.allowsBulkDownload ? source.name : t('tiles.settings.viewOnly', { name: source.name })}
                </option>
              ))}
            </select>
          </div>
          <div className="rw-tile-check">
            <label>
              <input
                type="checkbox"
                checked={settings.offlineOnly}
                onChange={(e) => updateTileSettings((s) => ({ ...s, offlineOnly: e.target.checked }))}
              />{' '}
              {t('tiles.settings.offlineOnly')}
            </label>
          </div>

          <h3>{t('tiles.settings.custom')}</h3>
          {settings.customSources.length === 0 ? (
            <p className="muted">{t('tiles.settings.customNone')}</p>
          ) : (
            <ul className="rw-tile-sources">
              {settings.customSources.map((source) => (
                <li key={source.id}>
                  <strong>{source.name}</strong> · <code>{source.urlTemplate}</code> · z≤{formatNumber(source.maxZoom)} ·{' '}
                  {source.allowsBulkDownload ? t('tiles.settings.bulkYes') : t('tiles.settings.bulkNo')}{' '}
                  <button
                    type="button"
                    className="secondary small-button"
                    aria-label={t('tiles.settings.removeLabel', { name: source.name })}
                    onClick={() =>
                      updateTileSettings((s) => ({
                        ...s,
                        sourceId: s.sourceId === source.id ? null : s.sourceId,
                        customSources: s.customSources.filter((c) => c.id !== source.id),
                      }))
                    }
                  >
                    {t('tiles.settings.remove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>

        <form className="tile-settings-group" onSubmit={add} noValidate aria-labelledby={`${id}-add`}>
          <h3 id={`${id}-add`}>{t('tiles.settings.add')}</h3>
          <p className="muted">{t('tiles.settings.addHelp')}</p>
          {field('name', 'tiles.settings.name', FIELD_LIMITS.name)}
          {field('urlTemplate', 'tiles.settings.template', FIELD_LIMITS.urlTemplate)}
          {field('subdomains', 'tiles.settings.subdomains', FIELD_LIMITS.subdomains)}
          {field('attribution', 'tiles.settings.attribution', FIELD_LIMITS.attribution)}
          <div className="field">
            <label htmlFor={`${id}-maxZoom`}>{t('tiles.settings.maxZoom')}</label>
            <input
              id={`${id}-maxZoom`}
              className="tile-max-zoom"
              type="number"
              min={0}
              max={22}
              step={1}
              value={form.maxZoom}
              onChange={(e) => setForm({ ...form, maxZoom: e.target.value })}
            />
          </div>
          <div className="rw-tile-check">
            <label>
              <input type="checkbox" checked={form.bulk} onChange={(e) => setForm({ ...form, bulk: e.target.checked })} />{' '}
              {t('tiles.settings.bulk')}
            </label>
          </div>
          {problems.length > 0 && (
            <ul className="field-error" role="alert">
              {problems.map((problem) => (
                <li key={problem}>{t(`tiles.problem.${problem}`)}</li>
              ))}
            </ul>
          )}
          {notice !== null && (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
          <button type="submit" className="secondary">
            {t('tiles.settings.addButton')}
          </button>
        </form>

        <div className="tile-settings-group">
          {services !== null && <ViewedTilesSection services={services} />}

          <h3>{t('tiles.areas.title')}</h3>
          {services !== null && <SavedAreasList services={services} />}
        </div>
      </div>
    </section>
  );
}
