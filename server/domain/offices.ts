/** Devices of an office whose code starts with HQ- work for headquarters and see every office. */
export function isHqOffice(office: string): boolean {
  return office.startsWith('HQ-');
}

/** The mission of an office code such as `RS-BEL`. */
export function missionOf(office: string): string {
  return office.slice(0, office.indexOf('-'));
}
