import { useState } from 'react';
import { FilterProvider } from '../filter/filter-state';
import { MapScreen } from '../map/map-screen';
import { t } from '../i18n/i18n';
import { EditObservationScreen } from '../observations/edit-observation-screen';
import type { FormOutcome } from '../observations/form/observation-draft-row';
import { NewObservationScreen } from '../observations/new-observation-screen';
import { ObservationDetailScreen } from '../observations/detail/observation-detail-screen';
import { ObservationsScreen } from '../observations/observations-screen';
import { ReportScreen } from '../reports/report-screen';
import { ImportScreen } from '../import/import-screen';
import { IssuedReportsScreen } from '../reports/issued/issued-reports-screen';
import { ReviewScreen } from '../review/review-screen';
import { AttentionScreen } from '../attention/attention-screen';
import { useSyncStatus } from '../sync/use-sync-status';
import { SettingsScreen } from '../settings/settings-screen';
import { ConflictsScreen, useConflictCount } from '../conflicts/conflicts-screen';
import { useCurrentUser } from './current-user';
import { StatusBar } from '../sync/status-bar';
import { hrefFor, useHashRoute } from './hash-route';
import { useServices } from './services';
import { LockNowButton } from '../lock/lock-now-button';
import { NotFoundScreen } from './not-found-screen';
import type { Screen } from './hash-route';

const NAV: readonly { screen: Screen; label: Parameters<typeof t>[0] }[] = [
  { screen: 'map', label: 'nav.map' },
  { screen: 'observations', label: 'nav.observations' },
  { screen: 'new', label: 'nav.new' },
  { screen: 'review', label: 'nav.review' },
  { screen: 'report', label: 'nav.report' },
  { screen: 'reports/issued', label: 'nav.issuedReports' },
  { screen: 'import', label: 'nav.import' },
  { screen: 'attention', label: 'nav.attention' },
  { screen: 'conflicts', label: 'nav.conflicts' },
  { screen: 'settings', label: 'nav.settings' },
];

export function App() {
  const route = useHashRoute();
  const [notice, setNotice] = useState<string | null>(null);
  const attention = useSyncStatus(useServices().sync).attention;
  const conflicts = useConflictCount(useCurrentUser());
  const afterForm = (outcome: FormOutcome) => {
    setNotice(outcome.kind === 'draft' ? t('form.draftSaved') : route.screen === 'edit' ? t('form.changesSubmitted') : t('form.submitted'));
    window.location.hash = hrefFor('observations');
  };
  return (
    <FilterProvider>
      <div className="app-shell">
      <header className="app-header no-print">
        <span className="app-name">{t('app.name')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {NAV.map((item) => (
              <li key={item.screen}>
                <a
                  href={hrefFor(item.screen)}
                  aria-current={route.screen === item.screen ? 'page' : undefined}
                  onClick={() => setNotice(null)}
                >
                  {item.screen === 'attention' && attention > 0
                    ? t('nav.attentionCount', { count: attention })
                    : item.screen === 'conflicts' && conflicts > 0
                      ? t('nav.conflictsCount', { count: conflicts })
                      : t(item.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main className="app-main">
        {route.screen === 'map' && <MapScreen params={route.params} />}
        {route.screen === 'observations' && <ObservationsScreen notice={notice} />}
        {route.screen === 'new' && <NewObservationScreen draftParam={route.params.get('draft')} onDone={afterForm} />}
        {route.screen === 'edit' && <EditObservationScreen recordId={route.params.get('id')} onDone={afterForm} />}
        {route.screen === 'review' && <ReviewScreen />}
        {route.screen === 'observation' && (
          <ObservationDetailScreen
            recordId={route.params.get('id')}
            onDeleted={() => {
              setNotice(t('detail.deleted'));
              window.location.hash = hrefFor('observations');
            }}
          />
        )}
        {route.screen === 'report' && <ReportScreen params={route.params} />}
        {route.screen === 'settings' && <SettingsScreen />}
        {route.screen === 'attention' && <AttentionScreen />}
        {route.screen === 'conflicts' && <ConflictsScreen />}
        {route.screen === 'import' && <ImportScreen />}
        {route.screen === 'reports/issued' && <IssuedReportsScreen params={route.params} />}
        {route.screen === 'not-found' && <NotFoundScreen address={route.address} pathname={window.location.pathname} />}
      </main>
      <div className="no-print app-footer">
        <StatusBar />
        <LockNowButton />
      </div>
      </div>
    </FilterProvider>
  );
}
