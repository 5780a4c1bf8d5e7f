import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { apiPath } from '../../../contracts/api.ts';
import { LiveCodeSchema, PublicLiveRoomSchema, type LiveAnswer, type PublicLiveRoom } from '../../../contracts/live.ts';
import { ErrorAlert, Loading, PageHeading, StatusMessage } from '../../components/ui.tsx';
import { ApiError, api, isApiError } from '../../lib/api.ts';
import { PATHS } from '../../lib/paths.ts';
import { useResource } from '../../lib/use-resource.ts';
import { AnswerForm } from './AnswerForm.tsx';
import { AudienceQa } from './AudienceQa.tsx';
import {
  browserStore,
  readDeviceToken,
  rememberUpvote,
  rememberVote,
  saveDeviceToken,
  upvotedQuestions,
  votedQuestions,
} from './live-storage.ts';
import { newer, isAlreadyDone } from './live-room.ts';
import { useLiveStream } from './use-live-stream.ts';
import './live.css';

/** One device token per room and browser; concurrent callers share the request. */
const pendingTokens = new Map<string, Promise<string>>();
function deviceToken(code: string): Promise<string> {
  const store = browserStore();
  const known = readDeviceToken(store, code);
  if (known) return Promise.resolve(known);
  let pending = pendingTokens.get(code);
  if (!pending) {
    pending = api
      .liveDevice(code)
      .then(({ deviceToken: token }) => {
        saveDeviceToken(store, code, token);
        return token;
      })
      .finally(() => pendingTokens.delete(code));
    pendingTokens.set(code, pending);
  }
  return pending;
}

/** Runs a request with the device token; a token the server no longer accepts is replaced once. */
async function withDevice<T>(code: string, run: (token: string) => Promise<T>): Promise<T> {
  try {
    return await run(await deviceToken(code));
  } catch (err) {
    if (!isApiError(err) || err.code !== 'live.device_invalid') throw err;
    saveDeviceToken(browserStore(), code, '');
    return run(await deviceToken(code));
  }
}

/** "Danke …": after a vote it takes the focus the vanished form had, so it is read out. */
function Thanks({ prompt, focus }: { prompt: string; focus: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div className="live-thanks">
      <p className="live-prompt" dir="auto">
        {prompt}
      </p>
      <p ref={ref} tabIndex={-1} className="alert alert-success">
        {t('live.audience.thanks')}
      </p>
    </div>
  );
}

function Room({ code, initial }: { code: string; initial: PublicLiveRoom }) {
  const { t } = useTranslation();
  const [streamed, setStreamed] = useState<PublicLiveRoom | null>(null);
  const room = newer(initial, streamed);
  const stream = useLiveStream(apiPath('liveStream', { code }), PublicLiveRoomSchema, setStreamed);
  const [voted, setVoted] = useState(() => votedQuestions(browserStore(), code));
  const [upvoted, setUpvoted] = useState(() => upvotedQuestions(browserStore(), code));
  const current = room.current;
  const [justVoted, setJustVoted] = useState<string | null>(null);

  useEffect(() => {
    // Ask for the device token once, early, so the first vote goes out at once.
    deviceToken(code).catch(() => undefined);
  }, [code]);

  async function vote(answer: LiveAnswer) {
    if (!current) return;
    try {
      await withDevice(code, (token) => api.liveVote(code, current.id, token, answer));
    } catch (err) {
      if (!isAlreadyDone(err)) throw err;
    }
    setVoted(rememberVote(browserStore(), code, current.id));
    setJustVoted(current.id);
  }

  async function ask(text: string) {
    await withDevice(code, (token) => api.liveAsk(code, token, text));
  }

  async function upvote(id: string) {
    try {
      await withDevice(code, (token) => api.liveUpvote(code, id, token));
    } catch (err) {
      if (!isAlreadyDone(err)) throw err;
    }
    setUpvoted(rememberUpvote(browserStore(), code, id));
  }

  return (
    <div className="live-audience">
      <p className="live-kicker" dir="auto">
        {room.event.title}
      </p>
      <PageHeading title={room.session.title} />
      <StatusMessage tone="info" message={stream === 'lost' ? t('live.stream.lost') : null} />
      {/* Announced when the question changes, never per vote. */}
      <p role="status" className="visually-hidden">
        {current ? t('live.audience.newQuestion', { prompt: current.prompt }) : t('live.audience.waiting')}
      </p>

      <section className="live-current" aria-label={t('live.audience.questionRegion')}>
        {!current ? (
          <p className="live-waiting">{t('live.audience.waiting')}</p>
        ) : voted.includes(current.id) ? (
          <Thanks prompt={current.prompt} focus={justVoted === current.id} />
        ) : (
          <AnswerForm key={current.id} question={current} onVote={vote} />
        )}
      </section>

      {room.qaOpen && <AudienceQa questions={room.questions} upvoted={upvoted} onAsk={ask} onUpvote={upvote} />}
    </div>
  );
}

/** The audience's page in the hall: the open question, then thanks; questions to the panel. */
export default function AudiencePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const valid = LiveCodeSchema.safeParse(code).success;
  const room = useResource(
    (signal) =>
      valid
        ? api.liveRoom(code, { signal })
        : Promise.reject(new ApiError({ status: 404, code: 'live.invalid_code', message: t('live.join.invalid') })),
    code,
  );

  if (room.data) return <Room key={code} code={code} initial={room.data} />;
  if (room.error) {
    const notFound = isApiError(room.error) && room.error.status === 404;
    return (
      <div className="live-audience">
        <PageHeading title={t('live.join.title')} />
        <ErrorAlert error={room.error}>
          {!notFound && (
            <button type="button" className="button button-secondary" onClick={room.reload}>
              {t('common.retry')}
            </button>
          )}
        </ErrorAlert>
        <p>
          <Link to={PATHS.liveJoin}>{t('live.audience.otherCode')}</Link>
        </p>
      </div>
    );
  }
  return <Loading />;
}
