import './checkin.css';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { CheckinList } from '../../../contracts/checkin.ts';
import { ErrorAlert, Loading, PageHeading } from '../../components/ui.tsx';
import { currentLanguage } from '../../i18n.ts';
import { api } from '../../lib/api.ts';
import { loginPath, pagePath, PATHS } from '../../lib/paths.ts';
import { DOOR_APP } from '../../pwa/sw-routing.ts';
import { formatEventRange } from '../events/event-time.ts';
import { useOfflineApp } from '../interviewer/offline-app.ts';
import { createSyncController, type SyncController, type SyncState } from '../interviewer/sync-controller.ts';
import { applyResults, doorCounts, localScan, outcomeOf, uploadScans, type Outcome, type Scan } from './checkin-queue.ts';
import { normalizeForSearch, searchPeople } from './checkin-search.ts';
import { forgetList, loadList, saveList, scanStore, ticketHash } from './checkin-store.ts';
import { CheckinOutcome } from './CheckinOutcome.tsx';
import { DoorFrame, type DoorStaff } from './DoorFrame.tsx';
import { QrScanner } from './QrScanner.tsx';

const clock = (iso: string) =>
  new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'de-DE', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/**
 * The door (/verwaltung/veranstaltungen/:id/einlass), made for a phone: scan tickets with the
 * camera, type a code, or find a person by name. Every check-in is stored on the device first and
 * shown at once; uploads run whenever there is a network, and a scan leaves the device only after
 * the server answered it. Opened once with network, the page is stored by the door's service
 * worker and opens again without network, with the list on the device (see docs/decisions/0010).
 */
export default function CheckinPage() {
  return <DoorFrame>{(staff) => <Door staff={staff} />}</DoorFrame>;
}

/** Whether the page itself is stored for offline starts, and a newer version offered (never forced). */
function DoorReadiness() {
  const { t } = useTranslation();
  const { status, updateWaiting, applyUpdate } = useOfflineApp(DOOR_APP.scope);
  return (
    <>
      <p className="hint" role="status" data-offline-status={status}>
        {t(`checkin.app.${status}`)}
      </p>
      {updateWaiting && (
        <div className="alert alert-info">
          <p>{t('checkin.app.update')}</p>
          <button type="button" className="button button-secondary button-small" onClick={applyUpdate}>
            {t('checkin.app.updateNow')}
          </button>
        </div>
      )}
    </>
  );
}

function Door({ staff }: { staff: DoorStaff }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [list, setList] = useState<CheckinList | null>(null);
  const [pending, setPending] = useState<Scan[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [storageError, setStorageError] = useState(false);
  const [online, setOnline] = useState(() => navigator.onLine);
  const [sync, setSync] = useState<SyncState>({ phase: 'idle', nextAttemptAt: null, failures: 0 });
  const [syncProblem, setSyncProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [query, setQuery] = useState('');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState(false);
  const listRef = useRef<CheckinList | null>(null);
  const pendingRef = useRef<Scan[]>([]);
  const controllerRef = useRef<SyncController | null>(null);

  const showList = useCallback((next: CheckinList) => {
    listRef.current = next;
    setList(next);
  }, []);
  const showPending = useCallback((next: Scan[]) => {
    pendingRef.current = next;
    setPending(next);
  }, []);

  useEffect(() => {
    let live = true;
    const controller = createSyncController({
      isOnline: () => navigator.onLine,
      onChange: (state) => live && setSync(state),
      periodMs: 60_000,
      run: async () => {
        const report = await uploadScans(scanStore, id, (body) => api.syncCheckins(id, body));
        if (report.results.length > 0 && report.counts && listRef.current) {
          const merged = applyResults(listRef.current, { results: report.results, counts: report.counts });
          await saveList(merged);
          if (live) showList(merged);
          const answered = new Map(report.results.map((r) => [r.id, r]));
          if (live) setOutcome((shown) => (shown && answered.has(shown.scanId) ? outcomeOf(answered.get(shown.scanId)!) : shown));
        }
        if (live) showPending(await scanStore.pending(id));
        const failure = report.failure;
        if (failure?.kind === 'auth') return { kind: 'auth' };
        if (failure) {
          if (live) setSyncProblem(failure.kind === 'rejected' ? failure.message : null);
          return { kind: 'retry', retryAfterMs: failure.kind === 'retry' ? failure.retryAfterMs : null };
        }
        if (live) setSyncProblem(null);
        try {
          const fresh = await api.checkinList(id);
          // A page left meanwhile (e.g. after deleting the list from this device) stores nothing more.
          if (!live) return { kind: 'done' };
          await saveList(fresh);
          if (live) showList(fresh);
        } catch {
          // The device's list stays in use; the next run fetches it again.
        }
        return { kind: 'done' };
      },
    });
    controllerRef.current = controller;

    (async () => {
      const [stored, waiting] = await Promise.all([loadList(id), scanStore.pending(id)]);
      if (!live) return;
      if (stored) showList(stored);
      showPending(waiting);
      try {
        const fresh = await api.checkinList(id);
        if (!live) return;
        await saveList(fresh);
        if (live) showList(fresh);
      } catch (err) {
        if (live && !stored) setLoadError(err);
      }
      if (live) void controller.start();
    })().catch(() => {
      if (live) setStorageError(true);
    });

    const goOnline = () => {
      setOnline(true);
      void controller.trigger();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    return () => {
      live = false;
      controller.stop();
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
    };
  }, [id, showList, showPending]);

  /** Stores the scan durably, then shows the device's verdict and starts an upload. */
  const record = useCallback(
    async (input: { method: 'qr'; token: string } | { method: 'name'; registrationId: string }) => {
      const current = listRef.current;
      if (!current) return;
      const base = { id: crypto.randomUUID(), at: new Date().toISOString() };
      const made =
        input.method === 'qr'
          ? localScan(current, pendingRef.current, { ...base, method: 'qr', token: input.token, tokenHash: await ticketHash(input.token) })
          : localScan(current, pendingRef.current, { ...base, method: 'name', registrationId: input.registrationId });
      try {
        await scanStore.add(made.scan);
      } catch {
        setStorageError(true);
        return;
      }
      setStorageError(false);
      showPending([...pendingRef.current, made.scan]);
      setOutcome(made.outcome);
      void controllerRef.current?.trigger();
    },
    [showPending],
  );

  const onScanned = useCallback((text: string) => void record({ method: 'qr', token: text.trim() }), [record]);

  function submitCode(event: FormEvent) {
    event.preventDefault();
    const token = code.trim();
    if (!token) {
      setCodeError(true);
      return;
    }
    setCodeError(false);
    setCode('');
    void record({ method: 'qr', token });
  }

  const times = useMemo(() => {
    const map = new Map<string, string>();
    if (!list) return map;
    for (const p of list.people) if (p.checkedInAt) map.set(p.registrationId, p.checkedInAt);
    for (const s of pending) if (s.personId && s.localStatus === 'checked_in' && !map.has(s.personId)) map.set(s.personId, s.at);
    return map;
  }, [list, pending]);
  const matches = useMemo(() => (list ? searchPeople(list.people, query) : []), [list, query]);

  if (!list) {
    return (
      <div className="narrow">
        <PageHeading title={t('checkin.title')} />
        {storageError && (
          <div className="alert alert-error" role="alert">
            <p>{t('checkin.storageError')}</p>
          </div>
        )}
        <ErrorAlert error={loadError} />
        {!loadError && !storageError && <Loading />}
      </div>
    );
  }

  const counts = doorCounts(list, pending);
  const adminEvent = pagePath(PATHS.adminEvent, { id });
  return (
    <div className="narrow checkin">
      <p className="breadcrumb no-print">
        <Link to={adminEvent}>{t('checkin.back')}</Link>
      </p>
      <PageHeading title={t('checkin.titleFor', { title: list.event.title })}>
        <p className="lead">{formatEventRange(list.event.startsAt, list.event.endsAt, currentLanguage())}</p>
      </PageHeading>

      <div className="checkin-state">
        <p className={online ? 'checkin-online' : 'checkin-offline'} role="status">
          <span aria-hidden="true">{online ? '●' : '○'} </span>
          {online ? t('checkin.online') : t('checkin.offline')}
        </p>
        {!staff.signedIn && <p className="hint">{t('checkin.offlineAs', { name: staff.displayName })}</p>}
        <p className="checkin-counter" aria-live="polite">
          {t('checkin.counter', { checkedIn: counts.checkedIn, confirmed: counts.confirmed })}
        </p>
        <p aria-live="polite">
          {pending.length > 0 ? t('checkin.pending', { count: pending.length }) : t('checkin.allSynced')}
          {sync.phase === 'running' && <> {t('checkin.syncing')}</>}
        </p>
        {sync.phase === 'signin' && (
          <p className="alert alert-error" role="alert">
            {t('checkin.signin')} <Link to={loginPath(pagePath(PATHS.adminEventCheckin, { id }))}>{t('checkin.signinLink')}</Link>
          </p>
        )}
        {syncProblem && (
          <p className="alert alert-error" role="alert">
            {syncProblem}
          </p>
        )}
        <button
          type="button"
          className="button button-secondary button-small"
          aria-disabled={!online || sync.phase === 'running' || undefined}
          onClick={() => online && void controllerRef.current?.trigger()}
        >
          {t('checkin.syncNow')}
        </button>
      </div>

      {storageError && (
        <div className="alert alert-error" role="alert">
          <p>{t('checkin.storageError')}</p>
        </div>
      )}
      <CheckinOutcome outcome={outcome} time={clock} />

      <section className="section" aria-labelledby="einlass-scannen">
        <h2 id="einlass-scannen">{t('checkin.scanHeading')}</h2>
        <QrScanner onCode={onScanned} />
        <form className={codeError ? 'checkin-code field field-invalid' : 'checkin-code field'} onSubmit={submitCode} noValidate>
          <label htmlFor="einlass-code">{t('checkin.codeLabel')}</label>
          <p className="hint" id="einlass-code-hint">
            {t('checkin.codeHint')}
          </p>
          {codeError && (
            <p className="error-message" id="einlass-code-error">
              {t('checkin.codeMissing')}
            </p>
          )}
          <div className="checkin-inline">
            <input
              id="einlass-code"
              className="input"
              type="text"
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              value={code}
              aria-invalid={codeError || undefined}
              aria-describedby={codeError ? 'einlass-code-hint einlass-code-error' : 'einlass-code-hint'}
              onChange={(e) => setCode(e.target.value)}
            />
            <button type="submit" className="button button-primary">
              {t('checkin.codeSubmit')}
            </button>
          </div>
        </form>
      </section>

      <section className="section" aria-labelledby="einlass-name">
        <h2 id="einlass-name">{t('checkin.searchHeading')}</h2>
        <div className="field">
          <label htmlFor="einlass-suche">{t('checkin.searchLabel')}</label>
          <input
            id="einlass-suche"
            className="input"
            type="search"
            autoComplete="off"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        {normalizeForSearch(query) !== '' && (
          <>
            <p className="hint" aria-live="polite">
              {t('checkin.searchCount', { count: matches.length })}
            </p>
            <ul className="checkin-matches">
              {matches.map((p) => {
                const at = times.get(p.registrationId);
                return (
                  <li key={p.registrationId}>
                    <p>
                      <strong>
                        <bdi>{p.name}</bdi>
                      </strong>
                      {p.organisation && (
                        <span className="cell-sub">
                          <bdi>{p.organisation}</bdi>
                        </span>
                      )}
                      {at && <span className="cell-sub">{t('checkin.alreadyAt', { time: clock(at) })}</span>}
                    </p>
                    <button
                      type="button"
                      className="button button-primary button-small"
                      aria-label={t('checkin.checkInPerson', { name: p.name })}
                      onClick={() => void record({ method: 'name', registrationId: p.registrationId })}
                    >
                      {t('checkin.checkIn')}
                    </button>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>

      <section className="section" aria-labelledby="einlass-geraet">
        <h2 id="einlass-geraet">{t('checkin.deviceHeading')}</h2>
        <p>{t('checkin.deviceHint', { time: clock(list.generatedAt) })}</p>
        <DoorReadiness />
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={pending.length > 0 || undefined}
          onClick={() => {
            if (pending.length > 0) return;
            // Within the app: without network a full page load of the event page would fail.
            void forgetList(id).then(() => navigate(adminEvent));
          }}
        >
          {t('checkin.forget')}
        </button>
        {pending.length > 0 && <p className="hint">{t('checkin.forgetBlocked')}</p>}
      </section>
    </div>
  );
}
