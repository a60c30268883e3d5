/** English strings of "Copy map as image" (copy-map-button.tsx). */
export const mapSnapshotMessagesEn = {
  'map.copy.button': 'Copy map as image',
  'map.copy.working': 'Making the image…',
  'map.copy.copied': 'Map copied as image. The situation report shows it too.',
  'map.copy.downloaded':
    'The clipboard did not accept the image, so it was saved as the file {fileName}. The situation report shows it too.',
  'map.copy.noMap': 'The map is not ready yet; try again when it is drawn.',
  'map.copy.failed': 'The map could not be made into an image. Nothing was copied.',
} as const;
