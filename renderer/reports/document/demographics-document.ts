/**
 * Who was seen: sex and age, unaccompanied and separated children, vulnerabilities and
 * the top nationalities, each over persons seen moving, with the persons whose counts
 * give no breakdown stated as "not disaggregated" so that the parts add up.
 */
import { NATIONALITY_BASES, VULNERABILITIES } from '../../../shared/observations/codelists';
import type { Demographics } from '../../../shared/reports/demographics';
import type { Figure } from '../../../shared/reports/figure';
import type { ReportBlock, ReportCell, ReportSection } from '../../../shared/reports/report-document';
import { codelistLabel, nationalityName } from '../../i18n/codelist-label';
import { formatNumber, t } from '../../i18n/i18n';
import { kindsOf } from '../report-filter';
import { figureCell, methodText } from './figure-cells';
import type { ReportContext } from './report-context';
import { sectionFooter } from './report-context';

const MOVING = kindsOf('movements');

function share(part: number, whole: number): ReportCell {
  return whole > 0 ? `${formatNumber(Math.round((part / whole) * 1000) / 10)} %` : '';
}

function row(label: string, figure: Figure, whole: number): ReportCell[] {
  return [label, figureCell(figure, { kinds: MOVING }), share(figure.value, whole)];
}

const COLUMNS = () => [
  { label: t('report.col.group'), numeric: false },
  { label: t('report.col.persons'), numeric: true },
  { label: t('report.col.share'), numeric: true },
];

export function demographicsSection(d: Demographics, context: ReportContext): ReportSection {
  const whole = d.persons.value;
  if (d.persons.records === 0) {
    return { key: 'demographics', heading: t('report.demographics.title'), blocks: [{ kind: 'paragraph', text: t('report.noRecords') }], footer: sectionFooter(context, 0) };
  }
  const sexAge: ReportBlock = {
    kind: 'table',
    key: 'sex-age',
    title: t('report.demographics.sexAge'),
    columns: COLUMNS(),
    rows: [
      row(t('report.sexAge.men'), d.sexAge.men, whole),
      row(t('report.sexAge.women'), d.sexAge.women, whole),
      row(t('report.sexAge.boys'), d.sexAge.boys, whole),
      row(t('report.sexAge.girls'), d.sexAge.girls, whole),
      row(t('report.notDisaggregated'), d.sexAgeNotDisaggregated, whole),
    ],
    total: [t('report.total'), figureCell(d.persons, { kinds: MOVING }), share(whole, whole)],
    caption: methodText(d.sexAgeNotDisaggregated),
  };
  const children: ReportBlock = {
    kind: 'paragraph',
    text: t('report.demographics.children', { unaccompanied: formatNumber(d.unaccompaniedChildren.value), separated: formatNumber(d.separatedChildren.value) }),
  };
  const vulnerable = VULNERABILITIES.filter((v) => d.vulnerabilities[v].records > 0);
  const vulnerabilities: ReportBlock =
    vulnerable.length === 0
      ? { kind: 'paragraph', text: t('report.demographics.noVulnerabilities'), note: true }
      : {
          kind: 'table',
          key: 'vulnerabilities',
          title: t('report.demographics.vulnerabilities'),
          columns: COLUMNS(),
          rows: vulnerable.map((v) => row(codelistLabel('vulnerability', v), d.vulnerabilities[v], whole)),
          caption: t('report.demographics.vulnerabilitiesNote'),
        };
  const n = d.nationalities;
  const nationalities: ReportBlock = {
    kind: 'table',
    key: 'nationalities',
    title: t('report.demographics.nationalities', { count: n.top.length }),
    columns: [...COLUMNS(), ...NATIONALITY_BASES.map((b) => ({ label: codelistLabel('nationalityBasis', b), numeric: true }))],
    rows: [
      ...n.top.map((x): ReportCell[] => [...row(nationalityName(x.code), x.figure, whole), ...NATIONALITY_BASES.map((b) => ({ text: formatNumber(x.basis[b]), value: x.basis[b] }))]),
      ...(n.other.codes > 0
        ? [[...row(t('report.demographics.otherNationalities', { count: n.other.codes }), n.other.figure, whole), ...NATIONALITY_BASES.map((b) => ({ text: formatNumber(n.other.basis[b]), value: n.other.basis[b] }))]]
        : []),
      [...row(t('report.notDisaggregated'), n.notDisaggregated, whole), ...NATIONALITY_BASES.map(() => '')],
    ],
    total: [t('report.total'), figureCell(d.persons, { kinds: MOVING }), share(whole, whole), ...NATIONALITY_BASES.map((b) => ({ text: formatNumber(n.basis[b]), value: n.basis[b] }))],
    caption: methodText(n.notDisaggregated),
  };
  const over: ReportBlock[] =
    d.sexAgePartsOverTotal.records + n.partsOverTotal.records > 0
      ? [{ kind: 'paragraph', text: t('report.demographics.partsOver', { count: d.sexAgePartsOverTotal.records + n.partsOverTotal.records }), note: true }]
      : [];
  return {
    key: 'demographics',
    heading: t('report.demographics.title'),
    blocks: [{ kind: 'paragraph', text: t('report.demographics.base', { persons: formatNumber(whole) }), note: true }, sexAge, children, vulnerabilities, nationalities, ...over],
    footer: sectionFooter(context, d.persons.records),
  };
}
