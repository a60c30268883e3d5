import { useId, useState } from 'react';
import { useServices } from '../app/services';
import { t } from '../i18n/i18n';
import { exportWaitingChanges, saveWithDownload } from './waiting-export';
import type { SaveFile } from './waiting-export';

/** The one "Export waiting changes" action, on "Needs attention" and on Device & sync when revoked. */
export function ExportWaitingButton({ save = saveWithDownload, primary = false }: { save?: SaveFile; primary?: boolean }) {
  const services = useServices();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const helpId = useId();

  async function run() {
    setBusy(true);
    setMessage(null);
    try {
      const outcome = await exportWaitingChanges(services.store, save);
      setMessage({ text: t('export.saved', { file: outcome.fileName, pending: outcome.pending, attention: outcome.attention }), error: false });
    } catch (error) {
      setMessage({ text: t('export.failed', { message: error instanceof Error ? error.message : String(error) }), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="export-waiting">
      <button type="button" className={primary ? 'primary' : 'secondary'} onClick={() => void run()} disabled={busy} aria-describedby={helpId}>
        {t('export.button')}
      </button>
      <span id={helpId} className="muted small">
        {t('export.help')}
      </span>
      {message && (
        <p className={message.error ? 'field-error' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
