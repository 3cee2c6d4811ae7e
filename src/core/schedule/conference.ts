// Which conference a schedule source is: small enough to load at activation (the store and parser load on first use).

export interface ConferenceSpec {
  name: string;
  /** URL pattern with `{year}`, or a local path. */
  url: string;
}

/** FOSDEM's schedule of each year, the built-in source. */
export const FOSDEM: ConferenceSpec = { name: 'FOSDEM', url: 'https://fosdem.org/{year}/schedule/xml' };

export function conferenceUrl(spec: ConferenceSpec, year: number): string {
  return spec.url.replace(/\{year\}/g, String(year));
}
