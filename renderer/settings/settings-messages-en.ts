export const settingsMessagesEn = {
  'training.title': 'Training data',
  'training.help':
    'Generated observations along the route (2015–2020) for demonstrations and training. Every summary starts with [TRAINING]. They stay on this device: they are never synced, and "Remove training data" deletes them all.',
  'training.size': 'Number of records',
  'training.load': 'Load training data',
  'training.remove': 'Remove training data',
  'training.loading': 'Loading training data',
  'training.progress': '{done} of {total}',
  'training.loaded_one': '{count} training record loaded.',
  'training.loaded_other': '{count} training records loaded.',
  'training.removed_one': '{count} training record removed.',
  'training.removed_other': '{count} training records removed.',
  'training.generatorUnavailable': 'The training data generator could not be loaded, so nothing was added. In a browser it comes from the server: connect and try again.',
  'training.stopped': 'Loading training data stopped after {done} of {total} records. Those added stay until you remove training data.',
  'settings.serverSwitchReloading': 'Routewatch is reloading to connect to {server}. Then enter your enrolment code again: it was not sent yet.',
  'settings.serverSwitched': 'Routewatch now connects to {server}. Enter your enrolment code again to finish moving this device there.',
  'settings.serverSwitchRefused': 'This device stays with its server: connecting to {server} was not allowed. Nothing was sent.',
} as const;
