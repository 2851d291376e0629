import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { FindingView } from '../../services/evidence.ts';
import { boxesOf, heatmapsOf } from './overlays.ts';

// A photo at any zoom: wheel or buttons zoom about the pointer (or the centre), dragging pans, Fit shows it
// whole and 100% shows one screen pixel per image pixel. Heatmaps and boxes from findings are drawn in the
// photo's own pixels, so they stay on the spot they describe at every zoom.

const MIN_SCALE = 0.02;
const MAX_SCALE = 32;
const STEP = 1.25;

type View = { scale: number; x: number; y: number; fit: boolean };
type Size = { width: number; height: number };

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

type Props = {
  src: string;
  alt: string;
  findings: FindingView[];
  /** Shorter controls for one side of a compare. */
  compact?: boolean;
  /** Reports the photo's pixel size once it loaded. */
  onSize?: (size: Size) => void;
};

export const ImageViewer = ({ src, alt, findings, compact = false, onSize }: Props) => {
  const stageRef = useRef<HTMLDivElement>(null);
  const [stage, setStage] = useState<Size>({ width: 0, height: 0 });
  const [natural, setNatural] = useState<Size | null>(null);
  const [failed, setFailed] = useState(false);
  const [view, setView] = useState<View>({ scale: 1, x: 0, y: 0, fit: true });
  const [heatmap, setHeatmap] = useState<string>('');
  const [opacity, setOpacity] = useState(0.6);
  const [showBoxes, setShowBoxes] = useState(true);
  const drag = useRef<{ id: number; x: number; y: number; vx: number; vy: number } | null>(null);
  const ids = { heatmap: useId(), opacity: useId(), boxes: useId(), help: useId() };

  const heatmaps = heatmapsOf(findings);
  const boxes = natural ? boxesOf(findings, natural.width, natural.height) : [];
  const layer = heatmaps.find((h) => h.sha256 === heatmap) ?? null;

  useLayoutEffect(() => {
    const el = stageRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setStage({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    setStage({ width: el.clientWidth, height: el.clientHeight });
    return () => observer.disconnect();
  }, []);

  const fitView = useCallback((): View | null => {
    if (!natural || stage.width === 0 || stage.height === 0) return null;
    const scale = clamp(Math.min(stage.width / natural.width, stage.height / natural.height), MIN_SCALE, MAX_SCALE);
    return { scale, x: (stage.width - natural.width * scale) / 2, y: (stage.height - natural.height * scale) / 2, fit: true };
  }, [natural, stage]);

  // While in Fit, the photo follows the viewer's size.
  useEffect(() => {
    if (!view.fit) return;
    const next = fitView();
    if (next && (next.scale !== view.scale || next.x !== view.x || next.y !== view.y)) setView(next);
  }, [fitView, view]);

  const zoomAt = useCallback(
    (factor: number, px?: number, py?: number) =>
      setView((v) => {
        const cx = px ?? stage.width / 2;
        const cy = py ?? stage.height / 2;
        const scale = clamp(v.scale * factor, MIN_SCALE, MAX_SCALE);
        const k = scale / v.scale;
        return { scale, x: cx - (cx - v.x) * k, y: cy - (cy - v.y) * k, fit: false };
      }),
    [stage],
  );

  const actualSize = () => {
    if (!natural) return;
    setView({ scale: 1, x: (stage.width - natural.width) / 2, y: (stage.height - natural.height) / 2, fit: false });
  };

  // React's wheel listener is passive, so it cannot keep the page from scrolling; this one can.
  useEffect(() => {
    const el = stageRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)), e.clientX - rect.left, e.clientY - rect.top);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoomAt]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    setView((v) => ({ ...v, x: d.vx + e.clientX - d.x, y: d.vy + e.clientY - d.y, fit: false }));
  };
  const endDrag = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.id === e.pointerId) drag.current = null;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const pan = e.shiftKey ? 200 : 50;
    const moves: Record<string, () => void> = {
      '+': () => zoomAt(STEP),
      '=': () => zoomAt(STEP),
      '-': () => zoomAt(1 / STEP),
      '0': () => setView((v) => ({ ...v, fit: true })),
      '1': actualSize,
      ArrowLeft: () => setView((v) => ({ ...v, x: v.x + pan, fit: false })),
      ArrowRight: () => setView((v) => ({ ...v, x: v.x - pan, fit: false })),
      ArrowUp: () => setView((v) => ({ ...v, y: v.y + pan, fit: false })),
      ArrowDown: () => setView((v) => ({ ...v, y: v.y - pan, fit: false })),
    };
    const move = moves[e.key];
    if (move && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      move();
    }
  };

  const percent = Math.round(view.scale * 100);

  return (
    <div className={`image-viewer${compact ? ' is-compact' : ''}`}>
      <div className="viewer-toolbar" role="toolbar" aria-label={`Zoom and overlays for ${alt}`}>
        <button type="button" className="button button-icon" aria-label="Zoom out" onClick={() => zoomAt(1 / STEP)} disabled={!natural}>
          <span aria-hidden="true">−</span>
        </button>
        <output className="zoom-level" aria-live="polite" aria-label="Zoom level">
          {percent}%
        </output>
        <button type="button" className="button button-icon" aria-label="Zoom in" onClick={() => zoomAt(STEP)} disabled={!natural}>
          <span aria-hidden="true">+</span>
        </button>
        <button type="button" className="button" aria-pressed={view.fit} onClick={() => setView((v) => ({ ...v, fit: true }))} disabled={!natural}>
          Fit
        </button>
        <button type="button" className="button" aria-pressed={!view.fit && view.scale === 1} onClick={actualSize} disabled={!natural}>
          100%
        </button>
        {heatmaps.length > 0 && (
          <>
            <label className="field" htmlFor={ids.heatmap}>
              <span className="field-label">Heatmap</span>
              <select id={ids.heatmap} className="input select" value={heatmap} onChange={(e) => setHeatmap(e.target.value)}>
                <option value="">None</option>
                {heatmaps.map((h) => (
                  <option key={h.sha256} value={h.sha256}>
                    {h.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field" htmlFor={ids.opacity}>
              <span className="field-label">Opacity</span>
              <input
                id={ids.opacity}
                type="range"
                min={0}
                max={100}
                step={5}
                value={Math.round(opacity * 100)}
                disabled={!layer}
                aria-valuetext={`${Math.round(opacity * 100)}%`}
                onChange={(e) => setOpacity(Number(e.target.value) / 100)}
              />
            </label>
          </>
        )}
        {boxes.length > 0 && (
          <label className="field checkbox-field" htmlFor={ids.boxes}>
            <input id={ids.boxes} type="checkbox" checked={showBoxes} onChange={(e) => setShowBoxes(e.target.checked)} />
            <span className="field-label">Boxes ({boxes.length})</span>
          </label>
        )}
      </div>
      <div
        ref={stageRef}
        className="viewer-stage"
        tabIndex={0}
        role="img"
        aria-label={`${alt}. ${percent}% zoom.`}
        aria-describedby={ids.help}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onKeyDown={onKeyDown}
        onDoubleClick={(e) => {
          const rect = e.currentTarget.getBoundingClientRect();
          zoomAt(2, e.clientX - rect.left, e.clientY - rect.top);
        }}
      >
        {failed ? (
          <p className="viewer-message">This photo could not be shown. The file may be damaged or in a format the browser cannot draw; its findings are still listed.</p>
        ) : (
          <div
            className="viewer-canvas"
            style={{ width: natural?.width ?? 0, height: natural?.height ?? 0, transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})`, visibility: natural ? 'visible' : 'hidden' }}
          >
            <img
              src={src}
              alt=""
              draggable={false}
              onLoad={(e) => {
                const size = { width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight };
                setNatural(size);
                onSize?.(size);
              }}
              onError={() => setFailed(true)}
            />
            {layer && <img className="viewer-heatmap" src={layer.url} alt="" draggable={false} style={{ opacity }} />}
            {showBoxes && natural && boxes.length > 0 && (
              <svg className="viewer-boxes" viewBox={`0 0 ${natural.width} ${natural.height}`} width={natural.width} height={natural.height} aria-hidden="true">
                {boxes.map((b) => (
                  <g key={b.key} className={`box box-${b.kind}`}>
                    {/* Lines keep about two screen pixels at any zoom: the canvas is scaled by CSS. */}
                    <rect x={b.x} y={b.y} width={b.width} height={b.height} strokeWidth={2 / view.scale} strokeDasharray={b.kind === 'region' ? `${6 / view.scale} ${4 / view.scale}` : undefined} />
                    {b.points.map(([px, py], i) => (
                      <circle key={i} cx={px} cy={py} r={Math.max(2.5 / view.scale, b.width / 50)} />
                    ))}
                    <title>{b.label}</title>
                  </g>
                ))}
              </svg>
            )}
          </div>
        )}
        {!natural && !failed && (
          <div className="loading-state viewer-loading" role="status">
            <span className="spinner" aria-hidden="true" />
            Loading photo…
          </div>
        )}
      </div>
      <p id={ids.help} className="visually-hidden">
        Scroll or press plus and minus to zoom, drag or use the arrow keys to move, 0 to fit, 1 for 100%.
      </p>
      {showBoxes && boxes.length > 0 && (
        <ul className="plain-list box-legend" aria-label="Boxes drawn on the photo">
          {boxes.slice(0, 12).map((b) => (
            <li key={b.key} className={`box-legend-item box-${b.kind}`}>
              {b.label}
            </li>
          ))}
          {boxes.length > 12 && <li className="meta">and {boxes.length - 12} more</li>}
        </ul>
      )}
    </div>
  );
};
