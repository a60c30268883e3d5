/**
 * What a rule or the schema finds wrong with a record: the dotted path of the field to
 * show it at, an i18n key (`validation.*`), and the values the message names (the limit,
 * the length, the place...). The screen adds the field's label, so that every message
 * says which field is wrong and which rule it breaks.
 */
export type IssueParams = Readonly<Record<string, string | number>>;

export interface ValidationIssue {
  field: string;
  message: string;
  params?: IssueParams;
}
