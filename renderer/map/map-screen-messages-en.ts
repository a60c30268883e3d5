/** English strings of the Map screen's toolbar and time slider. */
export const mapScreenMessagesEn = {
  'mapScreen.display': 'Show observations as',
  'mapScreen.display.clusters': 'Clusters',
  'mapScreen.display.heat': 'Density',
  'mapScreen.flows': 'Flows',
  'mapScreen.countsNotDrawn': '{count} without a position are not drawn',
  'mapScreen.invalidPeriod': 'Choose a valid period to see observations on the map.',
  'mapScreen.searchPending': 'Searching the summaries…',
  'mapScreen.focusMissing': 'That record is not on this device, or has no position.',
  'mapScreen.focusOutside': 'The record is outside the filter; it is marked on the map.',

  'timeSlider.label': 'Time',
  'timeSlider.step': 'Step',
  'timeSlider.step.period': 'Whole period',
  'timeSlider.step.day': 'Day',
  'timeSlider.step.week': 'Week',
  'timeSlider.position': 'Shown period',
  'timeSlider.play': 'Play',
  'timeSlider.pause': 'Pause',
  'timeSlider.previous': 'Previous step',
  'timeSlider.next': 'Next step',
  'timeSlider.range': '{from} – {to}',
  'timeSlider.stepOf': 'Step {index} of {count}',

  'observations.showOnMap': 'Show on map',
} as const;
