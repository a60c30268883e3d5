export const filterMessagesEn = {
  'filter.label': 'Filter',
  'filter.from': 'From',
  'filter.to': 'To (inclusive)',
  'filter.kinds': 'Kinds',
  'filter.statuses': 'Review status',
  'filter.all': 'All',
  'filter.badPeriod': 'The period ends before it starts.',
} as const;
