import exifr from 'exifr';
import type { PixelPool } from '../pool.ts';
import { findingsFor, haversineKm } from '../finding.ts';
import { hamming } from '../pixels.ts';
import type { Analyzer, Finding } from '../types.ts';

// EXIF/XMP/IPTC checked against the claim. Metadata is easy to strip or edit, so its absence proves little
// and its presence is a claim by the device or software, not a proof; the explanations say so.

const EDITORS = /photoshop|gimp|snapseed|lightroom|picsart|facetune|affinity|pixelmator|paint\.net|canva|fotor|meitu|airbrush|photopea|luminar|capture one|darktable|krita|faceapp|remini|photodirector|vsco/i;
const TOLERANCE_BEFORE_MS = 2 * 3600_000; // clocks and time zones drift; a few hours early is not a finding
const LONG_AFTER_MS = 30 * 86400_000;

type Tags = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const asDate = (v: unknown): Date | undefined => (v instanceof Date && !Number.isNaN(v.getTime()) ? v : undefined);
/** EXIF times carry no zone: format them as the wall-clock time they say, like the claim's incident time. */
const wallClock = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

export const metadataAnalyzer = (pool: PixelPool): Analyzer => {
  const self = { id: 'metadata', version: '1.0.0' };
  return {
    ...self,
    title: 'Photo metadata (EXIF, XMP, IPTC)',
    accepts: ['image'],
    unavailable: () => null,
    run: async (input) => {
      const finding = findingsFor(self, input);
      const out: Finding[] = [];
      let tags: Tags | undefined;
      try {
        tags = (await exifr.parse(input.path, { tiff: true, exif: true, gps: true, xmp: true, iptc: true, icc: false, mergeOutput: true, translateValues: true, reviveValues: true })) as Tags | undefined;
      } catch (e) {
        if (/unknown file format/i.test((e as Error).message)) return [finding({ label: 'metadata.none', severity: 'info', explanation: `This kind of image (${input.mediaType}) carries no camera metadata that can be read.` })];
        return [finding({ label: 'metadata.unreadable', severity: 'warning', explanation: `The photo's metadata could not be read (${(e as Error).message}). The file may be damaged; other checks still run.` })];
      }
      if (!tags || Object.keys(tags).length === 0) {
        return [finding({ label: 'metadata.none', severity: 'info', explanation: 'The photo carries no camera metadata at all. Messaging apps and social networks strip it, so this alone proves nothing, but the capture time and place cannot be checked from the file.' })];
      }
      const make = str(tags.Make);
      const model = str(tags.Model);
      const captured = asDate(tags.DateTimeOriginal) ?? asDate(tags.CreateDate);
      const lat = typeof tags.latitude === 'number' ? tags.latitude : undefined;
      const lon = typeof tags.longitude === 'number' ? tags.longitude : undefined;
      const software = [tags.Software, tags.CreatorTool, tags.ProcessingSoftware, tags.HistorySoftwareAgent].map(str).filter((s): s is string => Boolean(s));
      out.push(finding({ label: 'metadata.summary', severity: 'info', explanation: `Camera ${make ?? 'unknown'} ${model ?? ''}`.trim() + `; taken ${captured ? wallClock(captured) : 'at an unknown time'}${lat !== undefined && lon !== undefined ? `; location ${lat.toFixed(5)}, ${lon.toFixed(5)}` : '; no location'}.`, data: { make, model, capturedAt: captured ? wallClock(captured) : null, latitude: lat ?? null, longitude: lon ?? null, software } }));

      if (!make && !model) out.push(finding({ label: 'metadata.no-camera', severity: 'info', explanation: 'No camera make or model is recorded. Screenshots, edited exports and files passed through messaging apps look like this; a photo straight from a camera or phone normally names its maker.' }));

      const editor = software.find((s) => EDITORS.test(s));
      if (editor) out.push(finding({ label: 'metadata.editing-software', severity: 'warning', score: 0.6, explanation: `The file says it was last written by editing software ("${editor}"). Editing can be innocent (cropping, brightening), so this shows the photo is not straight from the camera, not what was changed.`, data: { software: editor } }));

      const incident = input.claim?.incidentAt ? new Date(input.claim.incidentAt) : undefined;
      if (captured && incident && !Number.isNaN(incident.getTime())) {
        const delta = captured.getTime() - incident.getTime();
        const hours = Math.round(Math.abs(delta) / 3600_000);
        if (delta < -TOLERANCE_BEFORE_MS) {
          out.push(finding({ label: 'metadata.capture-before-incident', severity: 'alert', score: Math.min(1, 0.5 + hours / (24 * 30)), explanation: `The photo says it was taken ${wallClock(captured)}, ${hours >= 48 ? `${Math.round(hours / 24)} days` : `${hours} hours`} BEFORE the incident (${input.claim!.incidentAt}). Damage photographed before the incident is a classic sign of a re-used or staged photo, unless the camera clock was wrong.`, parameters: { toleranceHours: TOLERANCE_BEFORE_MS / 3600_000 }, data: { capturedAt: wallClock(captured), incidentAt: input.claim!.incidentAt, hours: Math.round(delta / 3600_000) } }));
        } else if (delta > LONG_AFTER_MS) {
          out.push(finding({ label: 'metadata.capture-long-after-incident', severity: 'warning', score: 0.3, explanation: `The photo was taken ${Math.round(hours / 24)} days after the incident; damage may have changed since.`, data: { capturedAt: wallClock(captured), incidentAt: input.claim!.incidentAt } }));
        }
      }
      const cl = input.claim;
      if (lat !== undefined && lon !== undefined && cl?.latitude !== undefined && cl.longitude !== undefined) {
        const km = haversineKm(lat, lon, cl.latitude, cl.longitude);
        if (km > 5) out.push(finding({ label: 'metadata.gps-far-from-incident', severity: km > 50 ? 'alert' : 'warning', score: Math.min(1, km / 100), explanation: `The photo's GPS position is ${km.toFixed(1)} km from the incident place. A photo of the damage is usually taken where it happened or at a repair shop nearby.`, parameters: { thresholdKm: 5 }, data: { km: Math.round(km * 10) / 10, photo: { lat, lon }, incident: { lat: cl.latitude, lon: cl.longitude } } }));
      }

      try {
        const thumb = await exifr.thumbnail(input.path);
        if (thumb && thumb.length > 0) {
          const [a, b] = await Promise.all([pool.run('hashesOfBytes', { bytes: new Uint8Array(thumb) }, input.signal), pool.run('hashes', { path: input.path }, input.signal)]);
          const d = hamming(a.phashHi, a.phashLo, b.phashHi, b.phashLo);
          if (d > 16) out.push(finding({ label: 'metadata.thumbnail-differs', severity: 'alert', score: Math.min(1, d / 32), explanation: `The small preview embedded in the file shows a different picture from the photo itself (perceptual hashes ${d} of 64 bits apart). Editors that do not refresh the preview leave the original behind, so the photo was probably changed after it was taken.`, parameters: { thresholdBits: 16 }, data: { distance: d } }));
        }
      } catch {
        // an unreadable or undecodable preview is not evidence either way
      }
      return out;
    },
  };
};
