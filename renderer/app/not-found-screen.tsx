import { t } from '../i18n/i18n';
import { hrefFor, isAppPath } from './hash-route';

/** Long enough to recognise a mistyped link, short enough that a pasted essay cannot fill the screen. */
const SHOWN_ADDRESS_LENGTH = 160;

/**
 * An address that names no screen: say so, show what was asked for (as text), and offer
 * the way back to the map and the list.
 */
export function NotFoundScreen({ address, pathname }: { address: string; pathname: string }) {
  const shown = address.length > SHOWN_ADDRESS_LENGTH ? `${address.slice(0, SHOWN_ADDRESS_LENGTH)}…` : address;
  // On the app's own page a hash is enough (no reload, no lock); from another path the
  // links go back to the app's page first.
  const base = isAppPath(pathname) ? '' : './';
  return (
    <section className="screen not-found-screen" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('notFound.title')}</h1>
      <p>
        {t('notFound.text')} <code className="not-found-address" data-testid="not-found-address">{shown}</code>
      </p>
      <p className="muted">{t('notFound.help')}</p>
      <ul className="not-found-links">
        <li>
          <a href={`${base}${hrefFor('map')}`}>{t('notFound.toMap')}</a>
        </li>
        <li>
          <a href={`${base}${hrefFor('observations')}`}>{t('notFound.toObservations')}</a>
        </li>
      </ul>
    </section>
  );
}
