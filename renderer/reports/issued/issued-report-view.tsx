/**
 * One issued report, read only (#/reports/issued?id=…): its number (or that it is
 * assigned on sync), how it was made (the parameters), the highlights as issued, and the
 * document's sections as headings, paragraphs, lists and tables. Every string of the
 * report is rendered as React text; images are shown from blob: URLs of their PNG bytes.
 */
import { useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { ReportBlock } from '../../../shared/reports/report-document';
import type { IssuedReport } from '../../store/issued-report-store';
import { hrefFor } from '../../app/hash-route';
import { useServices } from '../../app/services';
import { codelistLabel } from '../../i18n/codelist-label';
import { formatDateTime, t } from '../../i18n/i18n';
import { reportNumberLine } from './issue-report';
import { periodText, SyncState } from './issued-report-parts';

function PngImage({ png, alt }: { png: Uint8Array; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(new Blob([png.slice()], { type: 'image/png' }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [png]);
  return url === null ? null : <img src={url} alt={alt} className="issued-image" />;
}

function Block({ block }: { block: ReportBlock }) {
  switch (block.kind) {
    case 'paragraph':
      return <p className={block.note === true ? 'muted' : undefined}>{block.text}</p>;
    case 'bullets':
      return (
        <ul>
          {block.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    case 'table':
      return (
        <table className="data-table issued-table">
          {block.caption !== undefined && <caption>{block.caption}</caption>}
          <thead>
            <tr>
              {block.columns.map((column, i) => (
                <th key={i} className={column.numeric ? 'num' : undefined} scope="col">
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c} className={block.columns[c]?.numeric === true ? 'num' : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {block.total !== undefined && (
            <tfoot>
              <tr>
                {block.total.map((cell, c) => (
                  <td key={c} className={block.columns[c]?.numeric === true ? 'num' : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      );
    case 'image':
      return (
        <figure className="issued-figure">
          <PngImage png={block.png} alt={block.alt} />
          {block.caption !== undefined && <figcaption className="muted">{block.caption}</figcaption>}
        </figure>
      );
  }
}

function scopeText(list: readonly string[], label: (code: string) => string): string {
  return list.length === 0 ? t('issued.param.all') : list.map(label).join(', ');
}

/** `actions`: what the app offers for an issued report (exports), placed under its title. */
export function IssuedReportView({ row, actions }: { row: IssuedReport; actions?: ReactNode }) {
  const id = useId();
  const { placesById } = useServices();
  const p = row.parameters;
  const params: [string, string][] = [
    [t('issued.param.period'), periodText(p.period)],
    [t('issued.param.timeZone'), p.timeZone],
    [t('issued.param.classification'), codelistLabel('classification', p.classification)],
    [t('issued.param.paper'), p.paper],
    [t('issued.param.records'), p.includeSubmitted ? t('issued.param.withSubmitted') : t('issued.param.verifiedOnly')],
    [t('issued.param.training'), p.training ? t('issued.param.yes') : t('issued.param.no')],
    [t('issued.param.kinds'), scopeText(p.kinds, (k) => codelistLabel('kind', k as (typeof p.kinds)[number]))],
    [t('issued.param.missions'), scopeText(p.missions, (m) => codelistLabel('mission', m as (typeof p.missions)[number]))],
    // A place this build's gazetteer does not know is shown by its id.
    [t('issued.param.places'), scopeText(p.placeIds, (placeId) => placesById.get(placeId)?.name ?? placeId)],
    [t('issued.column.issuedBy'), `${row.issuedBy} (${row.office})`],
    [t('issued.column.issuedAt'), t('issued.issuedAtClaim', { time: formatDateTime(row.issuedAt) })],
    ...(row.receivedAt === null ? [] : ([[t('issued.param.receivedAt'), formatDateTime(row.receivedAt)]] as [string, string][])),
  ];
  const document = row.document;
  return (
    <article className="issued-report" aria-labelledby={`${id}-title`}>
      <p>
        <a href={hrefFor('reports/issued')}>{t('issued.back')}</a>
      </p>
      <p className="issued-classification">{document.classification}</p>
      <h1 id={`${id}-title`}>{document.title}</h1>
      <p className="issued-number" data-testid="issued-number">
        {reportNumberLine(row)}
      </p>
      <p>
        <SyncState row={row} />
      </p>
      {row.refused !== undefined && (
        <p className="field-error" role="alert">
          {t('issued.refusedIntro', { reason: t(`syncError.${row.refused.code}`) })} {t('issued.serverSaid', { message: row.refused.message })}
        </p>
      )}
      {actions}
      {document.headerLines.map((line, i) => (
        <p key={i} className="muted">
          {line}
        </p>
      ))}
      {document.watermark !== null && <p className="issued-watermark">{document.watermark}</p>}
      <h2>{t('issued.parameters')}</h2>
      <dl className="issued-parameters">
        {params.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('issued.highlights')}</h2>
      {row.highlights.length === 0 ? (
        <p className="muted">{t('issued.noHighlights')}</p>
      ) : (
        <ul data-testid="issued-highlights">
          {row.highlights.map((highlight, i) => (
            <li key={i}>{highlight}</li>
          ))}
        </ul>
      )}
      <h2>{t('issued.document')}</h2>
      {document.sections.map((section, s) => (
        <section key={s} className="issued-section">
          <h3>{section.heading}</h3>
          {section.blocks.map((block, b) => (
            <Block key={b} block={block} />
          ))}
        </section>
      ))}
    </article>
  );
}
