/**
 * A ReportDocument on screen, laid out for print: the preview the analyst reads and the
 * page Electron's PDF printer (and the browser's "Save as PDF") turns into the PDF.
 * Figures are links to their records on screen and plain text in print. The live map
 * fills the document's map slot; exports put its picture there instead.
 */
import type { ReactNode } from 'react';
import type { ReportBlock, ReportCell, ReportDocument, ReportFigureLink } from '../../../shared/reports/report-document';
import { cellText, SUBMITTED_MARK } from '../../../shared/reports/report-document';
import { useFilter } from '../../filter/filter-state';
import { t } from '../../i18n/i18n';
import { figureFilter } from '../report-filter';

export interface ReportDocumentViewProps {
  document: ReportDocument;
  includeSubmitted: boolean;
  /** What the screen draws in a slot (the live map). */
  slots?: Partial<Record<'map', ReactNode>>;
  /** The application's name, printed above the title. */
  appName: string;
  /** The figures are of earlier choices and new ones are being computed: shown dimmed and marked busy. */
  stale?: boolean;
}

export function ReportDocumentView({ document, includeSubmitted, slots = {}, appName, stale = false }: ReportDocumentViewProps) {
  return (
    <article className={stale ? 'report-page report-stale' : 'report-page'} data-testid="report-page" data-paper={document.paper} aria-busy={stale}>
      {document.watermark !== null && (
        <p className="report-watermark" data-testid="report-watermark" aria-hidden="true">
          {document.watermark}
        </p>
      )}
      <header className="report-header">
        <p className="report-classification" data-testid="report-classification">
          {document.classification}
        </p>
        <p className="report-org">{appName}</p>
        <h2>{document.title}</h2>
        {document.numberLine !== undefined && (
          <p className="report-number" data-testid="report-number">
            {document.numberLine}
          </p>
        )}
        {document.watermark !== null && <p className="report-training-line">{document.watermark}</p>}
        {document.headerLines.map((line, i) => (
          <p key={i} data-testid={`report-header-line-${String(i)}`}>
            {line}
          </p>
        ))}
      </header>
      {document.sections.map((section) => (
        <section key={section.key} className="report-section" data-testid={`report-${section.key}`} aria-labelledby={`report-${section.key}-title`}>
          <h3 id={`report-${section.key}-title`}>{section.heading}</h3>
          {section.blocks.map((block, i) => (
            <Block key={i} block={block} includeSubmitted={includeSubmitted} slots={slots} />
          ))}
          {section.footer !== undefined && <p className="report-section-footer">{section.footer}</p>}
        </section>
      ))}
    </article>
  );
}

function Block({ block, includeSubmitted, slots }: { block: ReportBlock; includeSubmitted: boolean; slots: Partial<Record<'map', ReactNode>> }) {
  switch (block.kind) {
    case 'paragraph':
      return <p className={block.note === true ? 'report-method' : undefined}>{block.text}</p>;
    case 'bullets':
      return (
        <ul className="report-bullets">
          {block.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    case 'figure':
      return (
        <p className="report-key-figure">
          {block.label} <Cell cell={block.value} includeSubmitted={includeSubmitted} />
          {block.after !== undefined && <> {block.after}</>}
        </p>
      );
    case 'tiles':
      return (
        <div className="report-tiles">
          {block.tiles.map((tile, i) => (
            <div key={i} className="report-tile">
              <p className="report-tile-label">{tile.label}</p>
              <p className="report-tile-value">
                <Cell cell={tile.value} includeSubmitted={includeSubmitted} />
              </p>
              {tile.changes.map((line, j) => (
                <p key={j} className="report-tile-change">
                  {line}
                </p>
              ))}
            </div>
          ))}
        </div>
      );
    case 'slot':
      return <>{slots[block.name] ?? null}</>;
    case 'image':
      return (
        <figure className="report-image">
          <img src={block.svg !== undefined ? svgUrl(block.svg) : pngUrl(block.png)} width={block.width} height={block.height} alt={block.alt} />
          {block.caption !== undefined && <figcaption>{block.caption}</figcaption>}
        </figure>
      );
    case 'table':
      return (
        <>
          {block.title !== undefined && <h4>{block.title}</h4>}
          <table className="data-table report-table" data-testid={block.key === undefined ? undefined : `report-${block.key}`}>
            <thead>
              <tr>
                {block.columns.map((column, i) => (
                  <th key={i} scope="col" className={column.numeric ? 'num' : undefined}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) => (
                    <td key={i} className={block.columns[i]?.numeric === true ? 'num' : undefined}>
                      <Cell cell={cell} includeSubmitted={includeSubmitted} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            {block.total !== undefined && (
              <tfoot>
                <tr>
                  {block.total.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {cellText(cell)}
                      </th>
                    ) : (
                      <td key={i} className={block.columns[i]?.numeric === true ? 'num' : undefined}>
                        <Cell cell={cell} includeSubmitted={includeSubmitted} />
                      </td>
                    ),
                  )}
                </tr>
              </tfoot>
            )}
          </table>
          {block.caption !== undefined && <p className="report-method">{block.caption}</p>}
        </>
      );
  }
}

function Cell({ cell, includeSubmitted }: { cell: ReportCell; includeSubmitted: boolean }) {
  if (typeof cell === 'string') return <>{cell}</>;
  const mark =
    cell.marked === true ? (
      <sup className="report-submitted" title={t('report.submittedMarkLabel')} aria-label={t('report.submittedMarkLabel')}>
        {SUBMITTED_MARK}
      </sup>
    ) : null;
  if (cell.link === undefined)
    return (
      <>
        <span data-testid={cell.testId} data-value={cell.value}>
          {cell.text}
        </span>
        {mark}
      </>
    );
  return (
    <>
      <FigureLink link={cell.link} text={cell.text} includeSubmitted={includeSubmitted} testId={cell.testId} value={cell.value} />
      {mark}
    </>
  );
}

/** A figure as a link that opens the records behind it in the Observations list. */
function FigureLink({ link, text, includeSubmitted, testId, value }: { link: ReportFigureLink; text: string; includeSubmitted: boolean; testId?: string; value?: number }) {
  const { filter, setFilter } = useFilter();
  return (
    <a
      className="report-figure"
      href="#/observations"
      data-testid={testId}
      data-records={link.records}
      data-value={value}
      title={`${link.title} ${t('report.openRecords', { count: link.records })}`}
      onClick={() => setFilter(figureFilter(filter, includeSubmitted, link.kinds, link.placeId))}
    >
      {text}
    </a>
  );
}

function svgUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

function pngUrl(png: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < png.length; i += 0x8000) binary += String.fromCharCode(...png.subarray(i, i + 0x8000));
  return `data:image/png;base64,${btoa(binary)}`;
}
