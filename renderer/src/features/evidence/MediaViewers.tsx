import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

// Video with frame stepping, audio, and documents. The browser draws them from the served bytes, which
// support range requests, so a long video seeks without downloading it whole.

/** Used until the video's own frame rate has been measured while playing. */
export const DEFAULT_FPS = 30;

const formatTime = (t: number): string => {
  if (!Number.isFinite(t)) return '—';
  const m = Math.floor(t / 60);
  const s = t - m * 60;
  return `${m}:${s.toFixed(3).padStart(6, '0')}`;
};

type VideoFrameInfo = { mediaTime: number; presentedFrames: number };
type FrameCallbackVideo = HTMLVideoElement & { requestVideoFrameCallback?: (cb: (now: number, meta: VideoFrameInfo) => void) => number; cancelVideoFrameCallback?: (id: number) => void };


/** A jump asked for from a finding; a new request number repeats a jump to the same time. */
export type SeekRequest = { seconds: number; request: number };

type FrameRate = { value: number; from: 'measured' | 'file' | 'assumed' };

/** `fileFps` is the rate the file declares (from the video analyzer), used until playback measures one. */
export const VideoPlayer = ({ src, name, seekTo, fileFps }: { src: string; name: string; seekTo: SeekRequest | null; fileFps: number | null }) => {
  const ref = useRef<FrameCallbackVideo>(null);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState<number | null>(null);
  const [measured, setMeasured] = useState<number | null>(null);
  const fps: FrameRate = measured ? { value: measured, from: 'measured' } : fileFps && fileFps > 0 ? { value: fileFps, from: 'file' } : { value: DEFAULT_FPS, from: 'assumed' };
  const [failed, setFailed] = useState(false);
  const helpId = useId();

  // Measures the frame rate from frames the browser actually presents: the element does not expose it.
  useEffect(() => {
    const video = ref.current;
    if (!video?.requestVideoFrameCallback) return;
    let last: VideoFrameInfo | null = null;
    let handle = 0;
    const samples: number[] = [];
    const onFrame = (_now: number, meta: VideoFrameInfo) => {
      if (last && meta.presentedFrames > last.presentedFrames && meta.mediaTime > last.mediaTime) {
        const rate = (meta.presentedFrames - last.presentedFrames) / (meta.mediaTime - last.mediaTime);
        if (rate > 1 && rate < 241) {
          samples.push(rate);
          if (samples.length >= 5) {
            const sorted = [...samples].sort((a, b) => a - b);
            setMeasured(Math.round(sorted[Math.floor(sorted.length / 2)] * 100) / 100);
            if (samples.length > 60) samples.shift();
          }
        }
      }
      last = meta;
      handle = video.requestVideoFrameCallback!(onFrame);
    };
    handle = video.requestVideoFrameCallback(onFrame);
    return () => video.cancelVideoFrameCallback?.(handle);
  }, [src]);

  useEffect(() => {
    if (seekTo !== null && ref.current) {
      ref.current.pause();
      ref.current.currentTime = seekTo.seconds;
    }
  }, [seekTo]);

  const step = (frames: number) => {
    const video = ref.current;
    if (!video) return;
    video.pause();
    // Land in the middle of the target frame, so rounding in the decoder never leaves it on a neighbour.
    const target = Math.max(0, Math.floor(video.currentTime * fps.value + 1e-6) + frames);
    const last = Number.isFinite(video.duration) ? Math.max(0, Math.ceil(video.duration * fps.value) - 1) : Infinity;
    video.currentTime = (Math.min(target, last) + 0.5) / fps.value;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === ',' || e.key === '.') {
      e.preventDefault();
      step(e.key === ',' ? -1 : 1);
    }
  };

  const frame = Math.floor(time * fps.value + 1e-6);
  return (
    <div className="media-viewer video-viewer" onKeyDown={onKeyDown}>
      {failed ? (
        <p className="viewer-message">This video could not be played here. The file may be damaged or use a codec the browser lacks; its keyframe findings are still listed.</p>
      ) : (
        <video
          ref={ref}
          src={src}
          controls
          preload="metadata"
          aria-label={`Video: ${name}`}
          aria-describedby={helpId}
          onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
          onSeeked={(e) => setTime(e.currentTarget.currentTime)}
          onLoadedMetadata={(e) => setDuration(e.currentTarget.duration)}
          onError={() => setFailed(true)}
        />
      )}
      <div className="viewer-toolbar" role="toolbar" aria-label="Frame stepping">
        <button type="button" className="button" onClick={() => step(-1)} disabled={failed} aria-keyshortcuts=",">
          ◀ Previous frame
        </button>
        <button type="button" className="button" onClick={() => step(1)} disabled={failed} aria-keyshortcuts=".">
          Next frame ▶
        </button>
        <output className="frame-readout" aria-live="off">
          Frame {frame} · {formatTime(time)}
          {duration ? ` of ${formatTime(duration)}` : ''} · {fps.from === 'measured' ? `${fps.value} fps (measured)` : fps.from === 'file' ? `${fps.value} fps (from the file)` : `${DEFAULT_FPS} fps assumed until it plays`}
        </output>
      </div>
      <p id={helpId} className="meta">
        Press , and . to step one frame back or forward.
      </p>
    </div>
  );
};

export const AudioPlayer = ({ src, name }: { src: string; name: string }) => {
  const [failed, setFailed] = useState(false);
  return (
    <div className="media-viewer audio-viewer">
      {failed ? (
        <p className="viewer-message">This recording could not be played here. The file may be damaged or in a format the browser cannot decode.</p>
      ) : (
        <audio src={src} controls preload="metadata" aria-label={`Audio: ${name}`} onError={() => setFailed(true)} />
      )}
    </div>
  );
};

/** PDFs and plain text open in the browser's own viewer; other documents can only be described. */
export const DocumentViewer = ({ src, name, mediaType }: { src: string; name: string; mediaType: string }) => {
  const viewable = mediaType === 'application/pdf' || mediaType.startsWith('text/');
  if (!viewable) {
    return <p className="viewer-message">Casebench has no viewer for {mediaType} files yet. The file is stored unchanged and its findings are listed beside this.</p>;
  }
  return (
    <div className="media-viewer document-viewer">
      <iframe src={src} title={`Document: ${name}`} sandbox={mediaType === 'application/pdf' ? undefined : ''} />
    </div>
  );
};
