import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// Not in TypeScript's DOM library yet; Chrome on Android ships it, other browsers use jsQR.
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** The same code seen again within this time is one scan (the ticket stays in front of the camera). */
const SAME_CODE_PAUSE_MS = 4000;
const FRAME_INTERVAL_MS = 200;

async function makeDecoder(): Promise<(video: HTMLVideoElement, canvas: HTMLCanvasElement) => Promise<string | null>> {
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Detector) {
    const detector = new Detector({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  // jsQR is CommonJS: its module object is the function, which also carries itself as `default`.
  const jsQR = (await import('jsqr')).default.default;
  return async (video, canvas) => {
    const width = video.videoWidth;
    const height = video.videoHeight;
    if (!width || !height) return null;
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return null;
    context.drawImage(video, 0, 0, width, height);
    const image = context.getImageData(0, 0, width, height);
    return jsQR(image.data, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/**
 * Reads QR codes with the back camera: the browser's BarcodeDetector where there is one, else
 * jsQR on video frames. The camera runs only while switched on and stops when the page closes.
 */
export function QrScanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const onCodeRef = useRef(onCode);
  const [on, setOn] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  useEffect(() => {
    if (!on) return;
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = { code: '', at: 0 };

    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('unsupported');
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      if (stopped) return;
      const video = videoRef.current!;
      video.srcObject = stream;
      await video.play();
      const decode = await makeDecoder();
      const tick = async () => {
        if (stopped) return;
        try {
          const code = await decode(video, canvasRef.current!);
          const now = Date.now();
          if (code && (code !== last.code || now - last.at > SAME_CODE_PAUSE_MS)) {
            last = { code, at: now };
            onCodeRef.current(code);
          } else if (code) {
            last.at = now;
          }
        } catch {
          // A frame that cannot be read (camera still starting): try the next one.
        }
        timer = setTimeout(() => void tick(), FRAME_INTERVAL_MS);
      };
      void tick();
    })().catch((err: unknown) => {
      if (stopped) return;
      const denied = err instanceof DOMException && (err.name === 'NotAllowedError' || err.name === 'SecurityError');
      setError(t(denied ? 'checkin.camera.denied' : 'checkin.camera.unavailable'));
      setOn(false);
    });

    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [on, t]);

  return (
    <div className="checkin-scanner">
      <button
        type="button"
        className={on ? 'button button-secondary' : 'button button-primary'}
        aria-pressed={on}
        onClick={() => {
          setError(null);
          setOn(!on);
        }}
      >
        {on ? t('checkin.camera.stop') : t('checkin.camera.start')}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <video ref={videoRef} className="checkin-video" hidden={!on} muted playsInline aria-label={t('checkin.camera.label')} />
      <canvas ref={canvasRef} hidden />
    </div>
  );
}
