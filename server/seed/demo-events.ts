import type { CreateSessionBody } from '../../contracts/events.ts';
import type { DemoEvents, DemoSessionResults } from '../modules/events/index.ts';

/**
 * Demo events: the three congresses of the initiative with a typical programme, an upcoming
 * Zukunftsforum and an internal Policy Lab. Venues are real public places; every person is
 * invented (placeholder names, marked "fiktiv") and described by role only.
 */
const PEOPLE: DemoEvents['people'] = {
  cwe: {
    name: 'Carla Musterfrau (fiktiv)',
    role: 'Geschäftsführerin',
    organisation: 'Chemnitzer Wirtschaftsförderungs- und Entwicklungsgesellschaft',
  },
  ihk: { name: 'Bernd Beispiel (fiktiv)', role: 'Hauptgeschäftsführer', organisation: 'IHK Chemnitz' },
  smwa: {
    name: 'Dr. Andrea Platzhalter (fiktiv)',
    role: 'Staatssekretärin für Wirtschaft',
    organisation: 'Sächsisches Staatsministerium für Wirtschaft, Arbeit, Energie und Klimaschutz',
  },
  berater: {
    name: 'Dr. Jonas Exempel (fiktiv)',
    role: 'Unternehmensberater, Schwerpunkt Zulieferindustrie',
    organisation: 'Beratungsgesellschaft (fiktiv)',
  },
  ba: {
    name: 'Sabine Muster (fiktiv)',
    role: 'Geschäftsführerin Operativ',
    organisation: 'Regionaldirektion Sachsen der Bundesagentur für Arbeit',
  },
  igm: { name: 'Thomas Vorlage (fiktiv)', role: 'Bezirksleiter, faire Transformation', organisation: 'IG Metall' },
  studie: {
    name: 'Prof. Dr. Lena Probe (fiktiv)',
    role: 'Wissenschaftliche Leitung der Resilienz-Studie',
    organisation: 'Hochschule (fiktiv)',
  },
  amz: { name: 'Frank Testmann (fiktiv)', role: 'Netzwerkmanager', organisation: 'Automobilzulieferer Netzwerk AMZ' },
  kreislauf: {
    name: 'Dr. Nora Entwurf (fiktiv)',
    role: 'Leiterin Kreislaufwirtschaft',
    organisation: 'Zulieferbetrieb aus der Region (fiktiv)',
  },
  produktion: { name: 'Ingo Skizze (fiktiv)', role: 'Produktionsleiter', organisation: 'Fahrzeugwerk der Region (fiktiv)' },
  betriebsrat: {
    name: 'Petra Schablone (fiktiv)',
    role: 'Betriebsratsvorsitzende',
    organisation: 'Zulieferbetrieb aus der Region (fiktiv)',
  },
  moderation: { name: 'Mara Mustermann (fiktiv)', role: 'Moderatorin', organisation: 'Freie Journalistin' },
};

type Slot = Omit<CreateSessionBody, 'startsAt' | 'endsAt' | 'track' | 'abstract'> & {
  from: string;
  to: string;
  track?: string;
  abstract?: string;
};

/** One congress day; times are local (the offset is that of the date). */
function congressDay(date: string, offset: string, year: number, extraKeynote: boolean): CreateSessionBody[] {
  const plenum = 'Großer Saal';
  const slots: Slot[] = [
    {
      type: 'begruessung',
      title: 'Begrüßung und Eröffnung',
      room: plenum,
      from: '09:30',
      to: '09:50',
      moderators: ['moderation'],
      speakers: ['cwe', 'ihk'],
    },
    {
      type: 'keynote',
      title: 'Transformation als Standortpolitik: Was der Freistaat beiträgt',
      room: plenum,
      from: '09:50',
      to: '10:20',
      moderators: [],
      speakers: ['smwa'],
      abstract: 'Die Staatssekretärin für Wirtschaft über Förderung, Ansiedlung und die Rolle der Region im Wandel der Automobilindustrie.',
    },
    {
      type: 'keynote',
      title: 'Vom Teilelieferanten zum Systempartner: die Rolle der Zulieferer',
      room: plenum,
      from: '10:20',
      to: '10:50',
      moderators: [],
      speakers: ['berater'],
      abstract: 'Ein Berater für die Zulieferindustrie über Geschäftsmodelle jenseits des Verbrennungsmotors.',
    },
    { type: 'pause', title: 'Kaffeepause', room: 'Foyer', from: '10:50', to: '11:15', moderators: [], speakers: [] },
    {
      type: 'keynote',
      title: 'Qualifizierung als Schlüssel: Weiterbildung in Beschäftigung',
      room: plenum,
      from: '11:15',
      to: '11:45',
      moderators: [],
      speakers: ['ba'],
      abstract: 'Die Arbeitsagentur über Förderinstrumente für Beschäftigte und Betriebe im Umbruch.',
    },
    {
      type: 'keynote',
      title: 'Fair wandeln: Mitbestimmung in der Transformation',
      room: plenum,
      from: '11:45',
      to: '12:15',
      moderators: [],
      speakers: ['igm'],
      abstract: 'Die Gewerkschaft über Beschäftigungssicherung, Tarifbindung und Zukunftsvereinbarungen.',
    },
    ...(extraKeynote
      ? [
          {
            type: 'vortrag' as const,
            title: `Resilienz-Studie Südwestsachsen: Ergebnisse ${year}`,
            room: plenum,
            from: '12:15',
            to: '12:45',
            moderators: [],
            speakers: ['studie'],
            abstract: 'Wie krisenfest und veränderungsbereit ist die Region? Erste Ergebnisse der Bevölkerungsbefragung.',
          },
        ]
      : [
          {
            type: 'vortrag' as const,
            title: 'Resilienz-Studie Südwestsachsen: Vorhaben und Fragestellungen',
            room: plenum,
            from: '12:15',
            to: '12:45',
            moderators: [],
            speakers: ['studie'],
            abstract: 'Die geplante Bevölkerungsbefragung zu Veränderungsbereitschaft und Krisenfestigkeit in der Region.',
          },
        ]),
    { type: 'pause', title: 'Mittagspause', room: 'Foyer', from: '12:45', to: '13:45', moderators: [], speakers: [] },
    {
      type: 'workshop',
      title: 'Circular Cars – Made in Sachsen',
      room: 'Saal 1',
      track: 'Innovation und Technologie',
      from: '13:45',
      to: '15:15',
      moderators: ['amz'],
      speakers: ['kreislauf'],
      abstract: 'Kreislaufwirtschaft im Fahrzeugbau: Rücknahme, Wiederaufbereitung und neue Aufträge für regionale Zulieferer.',
    },
    {
      type: 'panel',
      title: 'Menschenleere Produktion 2035?',
      room: 'Saal 2',
      track: 'Arbeit und Beschäftigung',
      from: '13:45',
      to: '15:15',
      moderators: ['moderation'],
      speakers: ['produktion', 'betriebsrat', 'igm'],
      abstract: 'Automatisierung, künstliche Intelligenz und was davon in den Werken der Region ankommt.',
    },
    {
      type: 'workshop',
      title: 'Veränderungskompetenz Transformation',
      room: 'Saal 3',
      track: 'Qualifizierung',
      from: '13:45',
      to: '15:15',
      moderators: ['ba'],
      speakers: [],
      abstract: 'Wie Beschäftigte und Führungskräfte Veränderung gestalten lernen: Erfahrungen aus Betrieben.',
    },
    { type: 'pause', title: 'Kaffeepause', room: 'Foyer', from: '15:15', to: '15:45', moderators: [], speakers: [] },
    {
      type: 'abschlussdiskussion',
      title: 'Abschlussdiskussion: Was die Region jetzt braucht',
      room: plenum,
      from: '15:45',
      to: '16:45',
      moderators: ['moderation'],
      speakers: ['smwa', 'ihk', 'igm', 'ba'],
    },
  ];
  return slots.map(({ from, to, track, abstract, ...s }) => ({
    ...s,
    track: track ?? '',
    abstract: abstract ?? '',
    startsAt: `${date}T${from}:00${offset}`,
    endsAt: `${date}T${to}:00${offset}`,
  }));
}

const ALL_PARTNERS = ['cwe', 'ihk-chemnitz', 'amz', 'ig-metall', 'ba-region'] as const;
const ALL_FIELDS = [
  'industriepolitik',
  'innovation_technologie',
  'arbeit_beschaeftigung',
  'qualifizierung',
  'resiliente_gesellschaft',
] as const;
const STADTHALLE = { name: 'Stadthalle Chemnitz', street: 'Theaterstraße 3', postalCode: '09111', city: 'Chemnitz' };

export const DEMO_EVENTS: DemoEvents = {
  series: {
    kongress: {
      slug: 'kongress-automobilregion',
      title: 'Kongress Automobilregion Südwestsachsen',
      description: 'Der jährliche Kongress der Initiative Transformation Automobilregion Südwestsachsen.',
    },
  },
  people: PEOPLE,
  events: [
    {
      series: 'kongress',
      event: {
        slug: 'kongress-2023',
        title: '1. Kongress Automobilregion Südwestsachsen',
        format: 'kongress',
        startsAt: '2023-06-15T09:00:00+02:00',
        endsAt: '2023-06-15T17:00:00+02:00',
        venue: STADTHALLE,
        organisers: [...ALL_PARTNERS],
        fieldsOfAction: [...ALL_FIELDS],
        visibility: 'public',
        description: 'Auftakt der Initiative: Politik, Wirtschaft, Gewerkschaft und Arbeitsverwaltung über den Wandel der Automobilregion.',
      },
      sessions: congressDay('2023-06-15', '+02:00', 2023, false),
    },
    {
      series: 'kongress',
      event: {
        slug: 'kongress-2024',
        title: '2. Kongress Automobilregion Südwestsachsen',
        format: 'kongress',
        startsAt: '2024-06-13T09:00:00+02:00',
        endsAt: '2024-06-13T17:00:00+02:00',
        venue: STADTHALLE,
        organisers: [...ALL_PARTNERS],
        fieldsOfAction: [...ALL_FIELDS],
        visibility: 'public',
        description: 'Zwischenbilanz der Initiative und erste Ergebnisse der Resilienz-Studie.',
      },
      sessions: congressDay('2024-06-13', '+02:00', 2024, true),
    },
    {
      series: 'kongress',
      event: {
        slug: 'kongress-2025',
        title: '3. Kongress Automobilregion Südwestsachsen',
        format: 'kongress',
        startsAt: '2025-06-12T09:00:00+02:00',
        endsAt: '2025-06-12T17:00:00+02:00',
        venue: { name: 'Neue Welt', street: 'Leipziger Straße 182', postalCode: '08058', city: 'Zwickau' },
        organisers: [...ALL_PARTNERS],
        fieldsOfAction: [...ALL_FIELDS],
        visibility: 'public',
        description: 'Der Kongress zu Gast in Zwickau: Kreislaufwirtschaft, Automatisierung und Qualifizierung.',
      },
      sessions: congressDay('2025-06-12', '+02:00', 2025, true),
    },
    {
      series: null,
      event: {
        slug: 'zukunftsforum-qualifizierung-2027',
        title: 'Zukunftsforum Qualifizierung 2027',
        format: 'zukunftsforum',
        startsAt: '2027-03-18T13:00:00+01:00',
        endsAt: '2027-03-18T18:00:00+01:00',
        venue: { name: 'Sächsisches Industriemuseum Chemnitz', street: 'Zwickauer Straße 119', postalCode: '09112', city: 'Chemnitz' },
        organisers: ['ba-region', 'ihk-chemnitz', 'ig-metall'],
        fieldsOfAction: ['qualifizierung', 'arbeit_beschaeftigung'],
        visibility: 'public',
        description: 'Betriebe, Beschäftigte und Bildungsträger über Weiterbildung im Wandel.',
      },
      sessions: [
        {
          type: 'begruessung',
          title: 'Begrüßung',
          abstract: '',
          startsAt: '2027-03-18T13:00:00+01:00',
          endsAt: '2027-03-18T13:15:00+01:00',
          room: 'Ausstellungshalle',
          track: '',
          moderators: ['moderation'],
          speakers: ['ba'],
        },
        {
          type: 'buergerforum',
          title: 'Bürgerforum: Was brauche ich, um im Wandel mitzukommen?',
          abstract: 'Beschäftigte und Bürgerinnen erzählen, Fachleute hören zu.',
          startsAt: '2027-03-18T13:15:00+01:00',
          endsAt: '2027-03-18T15:00:00+01:00',
          room: 'Ausstellungshalle',
          track: '',
          moderators: ['moderation'],
          speakers: [],
        },
        {
          type: 'workshop',
          title: 'Qualifizierungsverbünde für kleine Zulieferbetriebe',
          abstract: 'Wie Betriebe Weiterbildung gemeinsam organisieren und fördern lassen.',
          startsAt: '2027-03-18T15:15:00+01:00',
          endsAt: '2027-03-18T16:15:00+01:00',
          room: 'Seminarraum',
          track: 'Qualifizierung',
          moderators: ['ihk'],
          speakers: ['ba'],
        },
        {
          type: 'abschlussdiskussion',
          title: 'Abschlussdiskussion',
          abstract: '',
          startsAt: '2027-03-18T16:30:00+01:00',
          endsAt: '2027-03-18T17:30:00+01:00',
          room: 'Ausstellungshalle',
          track: '',
          moderators: ['moderation'],
          speakers: ['ba', 'igm', 'ihk'],
        },
      ],
    },
    {
      series: null,
      event: {
        slug: 'policy-lab-fachkraefte-2026',
        title: 'Policy Lab Fachkräftesicherung (intern)',
        format: 'policy_lab',
        startsAt: '2026-12-08T10:00:00+01:00',
        endsAt: '2026-12-08T15:00:00+01:00',
        venue: { name: 'IHK Chemnitz', street: 'Straße der Nationen 25', postalCode: '09111', city: 'Chemnitz' },
        organisers: ['ihk-chemnitz', 'cwe'],
        fieldsOfAction: ['industriepolitik', 'arbeit_beschaeftigung'],
        visibility: 'internal',
        description: 'Arbeitstreffen der Partner: Handlungsempfehlungen für die Landespolitik.',
      },
      sessions: [
        {
          type: 'workshop',
          title: 'Handlungsempfehlungen entwerfen',
          abstract: '',
          startsAt: '2026-12-08T10:00:00+01:00',
          endsAt: '2026-12-08T15:00:00+01:00',
          room: 'Raum 2.01',
          track: '',
          moderators: ['cwe'],
          speakers: [],
        },
      ],
    },
  ],
};

/**
 * Demo results of one workshop of the 2025 congress (text and next steps, no photos), published
 * and marked as demo data. Owners are the partner organisations, no persons.
 */
export const DEMO_SESSION_RESULTS: DemoSessionResults[] = [
  {
    eventSlug: 'kongress-2025',
    sessionTitle: 'Circular Cars – Made in Sachsen',
    text:
      'Demo-Daten: Die Teilnehmenden sahen in der Wiederaufbereitung von Bauteilen (Remanufacturing) die größte Chance für ' +
      'Zulieferer der Region, vor allem bei Antriebs- und Elektronikkomponenten.\n\n' +
      'Als Hürden nannten sie fehlende Rücknahmewege der Hersteller, unklare Haftung für aufbereitete Teile und den Aufwand, ' +
      'Material sortenrein zu trennen. Kleine Betriebe wünschen sich dafür Partner statt Einzellösungen.\n\n' +
      'Vereinbart wurde, ein Netzwerktreffen zu Rücknahmesystemen auszurichten und Fördermöglichkeiten zu sammeln.',
    nextSteps: [
      { text: 'Netzwerktreffen „Rücknahme und Aufbereitung“ ausrichten', owner: 'AMZ Netzwerk', dueDate: '2025-10-15', status: 'erledigt' },
      {
        text: 'Überblick über Förderprogramme zur Kreislaufwirtschaft erstellen',
        owner: 'IHK Chemnitz',
        dueDate: '2025-12-31',
        status: 'in_arbeit',
      },
      { text: 'Pilotprojekt mit zwei Zulieferbetrieben anbahnen', owner: 'CWE', dueDate: null, status: 'offen' },
    ],
  },
];
