import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDraft } from '../helpers/workspace.ts';
import { REPO_ROOT, eventually, expectNoSeriousA11yViolations, launchBrowser, openApp, problemsOf, screenshot, startCasebench, type Casebench } from './fixtures.ts';
import { pcmWav, toneSamples } from '../helpers/wav.ts';

// Evidence in the browser shell: files added through the case's Evidence tab, analysed as a job, the
// verdict badges, the findings, the viewer (zoom, compare) and the custody log. The photos are made here:
// one is re-used, resized and re-compressed, in a second claim, which the re-used-photo analyzer must find.

/** A distinct synthetic "photo": shapes over noise, so each has its own perceptual hash. */
const photo = async (variant: number, width = 960, height = 720): Promise<Buffer> => {
  const shapes =
    variant === 0
      ? `<rect x="80" y="300" width="700" height="260" rx="60" fill="#b33"/><circle cx="240" cy="580" r="80" fill="#222"/><circle cx="640" cy="580" r="80" fill="#222"/><rect x="220" y="200" width="380" height="140" rx="30" fill="#d66"/>`
      : `<rect x="0" y="0" width="${width}" height="260" fill="#5a8ed0"/><polygon points="100,700 480,180 860,700" fill="#3c6"/><circle cx="760" cy="140" r="70" fill="#fd4"/>`;
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes}</svg>`);
  return sharp({ create: { width, height, channels: 3, background: variant === 0 ? '#9aa4ad' : '#e8e0cc', noise: { type: 'gaussian', mean: 120, sigma: 18 } } })
    .composite([{ input: svg }])
    .jpeg({ quality: 90 })
    .toBuffer();
};

/** A one-page PDF with a line of text, offsets and all, written by hand so no PDF library is needed. */
const onePagePdf = (text: string): Buffer => {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
};

/** One second of a 440 Hz tone, 16-bit mono PCM. */
const toneWav = (): Buffer => pcmWav(toneSamples(1, 8000, 440, 12000 / 32767), 8000);

/** Two seconds of a test pattern at 25 fps, VP8 in WebM, made with the ffmpeg the project ships. */
const testVideo = (path: string) => {
  const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  execFileSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-t', '2', '-c:v', 'libvpx', '-b:v', '400k', '-y', path]);
};

describe('evidence', () => {
  let app: Casebench;
  let browser: Browser;
  let page: Page;
  let folder: string;
  let mediaFolder: string;
  let first: { id: string; number: string };
  let second: { id: string; number: string };
  const files = { front: '', reused: '', reusedCopy: '', empty: '' };

  const panelOf = (number: string) => page.getByRole('complementary', { name: number });
  const gallery = () => page.getByRole('list', { name: 'Evidence items' });
  const tile = (name: string) => gallery().getByRole('listitem').filter({ hasText: name });
  const badgeOf = (name: string) => tile(name).locator('.verdict-badge').first().innerText();
  const viewer = () => page.getByRole('dialog');

  /** Opens a case from the queue by searching for its number, then its Evidence tab. */
  const openEvidence = async (claim: { id: string; number: string }): Promise<Locator> => {
    await page.getByRole('searchbox', { name: 'Search cases' }).fill(claim.number);
    const row = page.getByRole('table', { name: 'Cases' }).locator(`[data-case-id="${claim.id}"]`);
    await row.getByRole('button').first().click();
    const panel = panelOf(claim.number);
    await panel.waitFor();
    await panel.getByRole('tab', { name: /Evidence/ }).click();
    await panel.getByRole('region', { name: 'Case details' }).getByRole('heading', { name: /^Evidence/ }).waitFor();
    return panel;
  };

  const analyseAll = async (panel: Locator) => {
    await panel.getByRole('button', { name: 'Analyse all' }).click();
    await panel.getByRole('status').filter({ hasText: 'Analysis finished' }).waitFor({ timeout: 90_000 });
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'casebench-evidence-'));
    const original = await photo(0);
    files.front = join(folder, 'front.jpg');
    files.reused = join(folder, 'damage.jpg');
    files.reusedCopy = join(folder, 'old-claim-damage.jpg');
    files.empty = join(folder, 'empty.jpg');
    writeFileSync(files.front, await photo(1));
    writeFileSync(files.reused, original);
    // The same photo, resized and re-compressed, as a fraudster re-submitting it would send it.
    writeFileSync(files.reusedCopy, await sharp(original).resize(720).jpeg({ quality: 70 }).toBuffer());
    writeFileSync(files.empty, Buffer.alloc(0));
    // A folder of other media, added with the folder picker.
    mediaFolder = join(folder, 'statement');
    mkdirSync(join(mediaFolder, 'recordings'), { recursive: true });
    testVideo(join(mediaFolder, 'dashcam.webm'));
    writeFileSync(join(mediaFolder, 'recordings', 'call.wav'), toneWav());
    writeFileSync(join(mediaFolder, 'report.pdf'), onePagePdf('Repair estimate 4,820.50'));

    app = await startCasebench();
    first = await app.api('claims.create', claimDraft());
    second = await app.api('claims.create', claimDraft({ policy: { number: 'POL-20000002', type: 'comprehensive', inceptionDate: '2023-06-01', insuredValueCents: 1_800_000, deductibleCents: 25_000 } }));
    browser = await launchBrowser();
    page = await openApp(browser, app);
    await page.getByRole('table', { name: 'Cases' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('adds a photo to an earlier claim through the file picker and analyses it', async () => {
    const panel = await openEvidence(second);
    await panel.getByText('No evidence yet.').waitFor();
    await screenshot(page, 'evidence-empty');

    // Analyzers that cannot run here say so, with what to install; none is silently skipped.
    const analyzers = await app.api('analysis.analyzers', {});
    await panel.getByText(/analyzers available/).click();
    for (const a of analyzers.filter((x) => x.unavailable)) await panel.getByText(`Not available: ${a.unavailable}`).first().waitFor();
    await screenshot(page, 'evidence-analyzers');

    await panel.getByLabel('Choose evidence files').setInputFiles([files.reusedCopy]);
    await eventually(() => gallery().getByRole('listitem').count()).toBe(1);
    expect(await badgeOf('old-claim-damage.jpg')).toBe('Not analysed');
    // The thumbnail is the stored photo itself, served by hash.
    await eventually(() => tile('old-claim-damage.jpg').locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(720);

    await analyseAll(panel);
    await eventually(() => badgeOf('old-claim-damage.jpg')).not.toMatch(/Not analysed|Analysing/);
  });

  it('adds files to a second claim with a per-file error, analyses them and badges the re-used photo', async () => {
    const panel = await openEvidence(first);
    await panel.getByLabel('Choose evidence files').setInputFiles([files.front, files.reused, files.empty]);

    const uploads = panel.getByRole('region', { name: 'Files being added' });
    await uploads.getByRole('status').filter({ hasText: '2 of 3 added, 1 not added' }).waitFor();
    expect(await uploads.getByRole('listitem').filter({ hasText: 'empty.jpg' }).innerText()).toContain('the file is empty (0 bytes)');
    await eventually(() => gallery().getByRole('listitem').count()).toBe(2);
    await screenshot(page, 'evidence-uploaded');

    // (The progress bar and Cancel are checked in the drop test, where the job is long enough to catch.)
    await analyseAll(panel);

    // The re-used photo is attached to the other claim: a strong sign, so an alert.
    await eventually(() => badgeOf('damage.jpg')).toMatch(/^Alerts \d+$/);
    expect(await badgeOf('front.jpg')).not.toMatch(/Not analysed|Analysing|Tampered/);
    await gallery().scrollIntoViewIfNeeded();
    await screenshot(page, 'evidence-gallery');
    await expectNoSeriousA11yViolations(page);
  });

  it('opens the re-used photo: findings name the other claim, zoom works, and the viewing is in the custody log', async () => {
    await tile('damage.jpg').getByRole('button', { name: /^Open damage\.jpg/ }).click();
    const dialog = viewer();
    await dialog.getByRole('heading', { name: 'damage.jpg' }).waitFor();
    const findings = dialog.getByRole('list', { name: 'Findings' });
    const reuse = findings.getByRole('listitem').filter({ hasText: 'reuse.near-duplicate' });
    await reuse.waitFor();
    expect(await reuse.innerText()).toContain(second.number);
    expect(await reuse.innerText()).toContain('reuse 1.0.0');
    // Every finding names the analyzer and version that made it.
    for (const text of await findings.locator(':scope > li').allInnerTexts()) expect(text).toMatch(/\b[a-z-]+ \d+\.\d+\.\d+/);

    const zoom = dialog.getByRole('status', { name: 'Zoom level' });
    const fitted = await zoom.innerText();
    await dialog.getByRole('button', { name: 'Zoom in' }).click();
    await dialog.getByRole('button', { name: 'Zoom in' }).click();
    await eventually(() => zoom.innerText()).not.toBe(fitted);
    await dialog.getByRole('button', { name: '100%' }).click();
    await eventually(() => zoom.innerText()).toBe('100%');
    const stage = dialog.getByRole('img', { name: /Photo: damage\.jpg/ });
    await stage.hover();
    await page.mouse.wheel(0, -300);
    await eventually(async () => Number((await zoom.innerText()).replace('%', ''))).toBeGreaterThan(100);
    // Keyboard: + zooms in, 0 fits; dragging moves the photo.
    await stage.focus();
    const before = Number((await zoom.innerText()).replace('%', ''));
    await page.keyboard.press('+');
    await eventually(async () => Number((await zoom.innerText()).replace('%', ''))).toBeGreaterThan(before);
    const canvas = dialog.locator('.viewer-canvas');
    const moved = await canvas.evaluate((el) => getComputedStyle(el).transform);
    const area = (await stage.boundingBox())!;
    await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
    await page.mouse.down();
    await page.mouse.move(area.x + area.width / 2 - 120, area.y + area.height / 2 - 60, { steps: 4 });
    await page.mouse.up();
    await eventually(() => canvas.evaluate((el) => getComputedStyle(el).transform)).not.toBe(moved);
    await screenshot(page, 'evidence-viewer-zoomed');
    await page.keyboard.press('0');
    await eventually(() => zoom.innerText()).toBe(fitted);

    // The error level heatmap from the findings, over the photo, at the opacity chosen.
    await dialog.getByRole('button', { name: 'Fit' }).click();
    await dialog.getByRole('combobox', { name: 'Heatmap' }).selectOption({ label: 'Error level heatmap' });
    const heatmap = dialog.locator('img.viewer-heatmap');
    await eventually(() => heatmap.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await dialog.getByRole('slider', { name: 'Opacity' }).fill('40');
    await eventually(() => heatmap.evaluate((img) => getComputedStyle(img).opacity)).toBe('0.4');
    await screenshot(page, 'evidence-viewer-heatmap');

    const custody = dialog.getByRole('table', { name: 'Chain of custody' });
    await eventually(() => custody.getByRole('row').filter({ hasText: 'Viewed' }).count()).toBeGreaterThan(0);
    expect(await custody.getByRole('row').filter({ hasText: 'Received' }).count()).toBe(1);
    await custody.scrollIntoViewIfNeeded();
    await screenshot(page, 'evidence-custody');
  });

  it('compares the re-used photo side by side with the one from the other claim', async () => {
    const dialog = viewer();
    await dialog.getByRole('button', { name: /^Compare with old-claim-damage\.jpg/ }).first().click();
    const compare = dialog.getByRole('group', { name: 'Side-by-side compare' });
    await compare.getByText('Other case').waitFor();
    await compare.getByRole('img', { name: new RegExp(`Other case ${second.number}: old-claim-damage\\.jpg`) }).waitFor();
    // Both photos are drawn: each reports its own pixel size.
    await eventually(() => compare.locator('.viewer-canvas img:first-child').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth))).toEqual([960, 720]);
    await screenshot(page, 'evidence-compare');
    await expectNoSeriousA11yViolations(page);
    // Comparing in full is an access too: the other claim's item records it.
    const otherId = (await app.api('evidence.list', { caseId: second.id }))[0].id;
    const otherCustody = await app.api('evidence.custody', { id: otherId });
    expect(otherCustody.map((c) => c.action)).toContain('viewed');
  });

  it('verifies integrity, and marks an item whose stored bytes were changed as tampered', async () => {
    const dialog = viewer();
    await dialog.getByRole('combobox', { name: 'Compare with' }).selectOption('');
    await dialog.getByRole('button', { name: 'Verify integrity' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Intact: the stored bytes still match' }).waitFor();
    await dialog.getByRole('button', { name: 'Close viewer' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Someone edits the stored copy behind Casebench's back.
    const [item] = (await app.api('evidence.list', { caseId: first.id })).filter((i) => i.originalName === 'front.jpg');
    const stored = join(app.dataDir, 'evidence', item.sha256.slice(0, 2), item.sha256);
    chmodSync(stored, 0o644);
    writeFileSync(stored, await photo(0, 320, 240));
    const panel = panelOf(first.number);
    await panel.getByRole('button', { name: 'Verify integrity' }).click();
    await panel.getByRole('status').filter({ hasText: '1 of 2 stored files no longer match their SHA-256' }).waitFor();
    await eventually(() => badgeOf('front.jpg')).toBe('Tampered');
    expect(await badgeOf('damage.jpg')).toMatch(/^Alerts \d+$/);
    await gallery().scrollIntoViewIfNeeded();
    await screenshot(page, 'evidence-tampered');
    expect(problemsOf(page)).toEqual([]);
  });

  it('adds a folder of video, audio and a PDF, and plays each in its viewer', async () => {
    const panel = panelOf(first.number);
    await panel.getByLabel('Choose an evidence folder').setInputFiles(mediaFolder);
    await eventually(() => gallery().getByRole('listitem').count()).toBe(5);
    await panel.getByRole('region', { name: 'Files being added' }).getByRole('status').filter({ hasText: '3 of 3 added' }).waitFor();
    expect(await tile('call.wav').innerText()).toContain('Audio');
    expect(await tile('report.pdf').innerText()).toContain('Document');

    // Video: frame stepping with the buttons and the , . keys, at the rate the file declares once analysed.
    await tile('dashcam.webm').getByRole('button').click();
    const dialog = viewer();
    const video = dialog.locator('video[aria-label="Video: dashcam.webm"]');
    await eventually(() => video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(1);
    await dialog.getByRole('button', { name: 'Analyse this item' }).click();
    await dialog.getByRole('list', { name: 'Findings' }).getByText('video.info').waitFor({ timeout: 90_000 });
    const readout = dialog.locator('output.frame-readout');
    // The element does not say its frame rate: the player measures it from the frames it presents.
    await video.evaluate((v) => {
      const el = v as HTMLVideoElement;
      el.muted = true;
      void el.play();
    });
    await eventually(() => readout.innerText()).toMatch(/2[45](\.\d+)? fps \(measured\)/);
    await video.evaluate((v) => {
      const el = v as HTMLVideoElement;
      el.pause();
      el.currentTime = 0;
    });
    await eventually(() => readout.innerText()).toMatch(/^Frame 0 · 0:00\.000/);
    await dialog.getByRole('button', { name: 'Next frame' }).click();
    await dialog.getByRole('button', { name: 'Next frame' }).click();
    // Frame 2 of a 25 fps video runs from 0.08 to 0.12 s; stepping lands in its middle.
    await eventually(() => readout.innerText()).toMatch(/^Frame 2 · 0:00\.100/);
    await video.focus();
    await page.keyboard.press(',');
    await eventually(() => readout.innerText()).toMatch(/^Frame 1 · /);
    await page.keyboard.press('.');
    await page.keyboard.press('.');
    await eventually(() => readout.innerText()).toMatch(/^Frame 3 · 0:00\.140/);
    await screenshot(page, 'evidence-video');
    await dialog.getByRole('button', { name: 'Close viewer' }).click();

    await tile('call.wav').getByRole('button').click();
    const audio = viewer().locator('audio[aria-label="Audio: call.wav"]');
    await eventually(() => audio.evaluate((a) => Math.round((a as HTMLAudioElement).duration))).toBe(1);
    await viewer().getByRole('button', { name: 'Close viewer' }).click();

    await tile('report.pdf').getByRole('button').click();
    const pdf = viewer().locator('iframe[title="Document: report.pdf"]');
    await pdf.waitFor();
    await eventually(async () => page.frames().some((f) => /\/evidence\/[0-9a-f]{64}$/.test(f.url()))).toBe(true);
    // Chromium draws the PDF in its viewer extension's frame; the viewer knows the page count once the
    // document has loaded (docLength_ is the viewer's own field: this wait is about Chromium, not Casebench).
    await eventually(async () => page.frames().some((f) => f.url().startsWith('chrome-extension://'))).toBe(true);
    const pdfViewer = page.frames().find((f) => f.url().startsWith('chrome-extension://'))!;
    await pdfViewer.waitForFunction(() => Number((document.querySelector('pdf-viewer') as unknown as { docLength_?: number } | null)?.docLength_ ?? 0) === 1);
    await screenshot(page, 'evidence-pdf');
    await viewer().getByRole('button', { name: 'Close viewer' }).click();
    expect(problemsOf(page)).toEqual([]);
  });

  it('takes dropped files, and draws face and text boxes from the findings over the photo', async () => {
    const panel = await openEvidence(second);
    // A portrait (the Meso-4 test face, on a larger canvas) and a plate, dropped onto the evidence panel.
    const face = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#7d8a96' } })
      .composite([{ input: join(REPO_ROOT, '..', 'shared', 'models', 'mesonet', 'test_images', 'real', 'real00240.jpg'), left: 192, top: 112 }])
      .jpeg({ quality: 92 })
      .toBuffer();
    const plate = await sharp(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="240"><rect width="640" height="240" fill="#fff"/><rect x="60" y="60" width="520" height="120" rx="12" fill="#f5d90a" stroke="#111" stroke-width="6"/><text x="320" y="148" font-family="DejaVu Sans" font-weight="bold" font-size="76" text-anchor="middle" fill="#111">AB12 CDE</text></svg>')).png().toBuffer();
    const dataTransfer = await page.evaluateHandle(
      (files) => {
        const dt = new DataTransfer();
        for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
        return dt;
      },
      [
        { name: 'driver.jpg', type: 'image/jpeg', b64: face.toString('base64') },
        { name: 'plate.png', type: 'image/png', b64: plate.toString('base64') },
      ],
    );
    const dropZone = panel.locator('section.evidence-panel');
    await dropZone.dispatchEvent('dragenter', { dataTransfer });
    await dropZone.dispatchEvent('dragover', { dataTransfer });
    await dropZone.dispatchEvent('drop', { dataTransfer });
    await eventually(() => gallery().getByRole('listitem').count()).toBe(3);

    // A running analysis can be cancelled; what it recorded so far is kept, and it can be run again.
    await panel.getByRole('button', { name: 'Analyse all' }).click();
    await panel.getByRole('progressbar', { name: 'Analysis progress' }).waitFor();
    await eventually(() => tile('driver.jpg').locator('.verdict-badge').first().innerText()).toMatch(/^Analysing/);
    await screenshot(page, 'evidence-analysing');
    await panel.getByRole('button', { name: 'Cancel analysis' }).click();
    await panel.getByRole('status').filter({ hasText: 'Analysis cancelled' }).waitFor();
    await panel.getByRole('status').filter({ hasText: 'Analysis cancelled' }).getByRole('button', { name: 'Dismiss' }).click();
    await analyseAll(panel);

    const analyzers = await app.api('analysis.analyzers', {});
    const ready = (id: string) => analyzers.some((a) => a.id === id && a.unavailable === null);
    await tile('driver.jpg').getByRole('button').click();
    const findings = viewer().getByRole('list', { name: 'Findings' });
    await findings.waitFor();
    if (ready('faces')) {
      await findings.getByText('faces.detected').waitFor();
      await viewer().getByRole('list', { name: 'Boxes drawn on the photo' }).getByText(/^Face 1/).waitFor();
      // The box sits on the pasted face (192..448 x 112..368 in the photo's pixels).
      const box = await viewer().locator('.box-face rect').first().evaluate((r) => ({ x: Number(r.getAttribute('x')), y: Number(r.getAttribute('y')), w: Number(r.getAttribute('width')) }));
      expect(box.x).toBeGreaterThan(150);
      expect(box.x + box.w).toBeLessThan(480);
      expect(box.y).toBeGreaterThan(80);
    } else {
      await findings.getByText('Not available').first().waitFor();
    }
    await screenshot(page, 'evidence-boxes-face');
    await viewer().getByRole('button', { name: 'Close viewer' }).click();

    await tile('plate.png').getByRole('button').click();
    await viewer().getByRole('list', { name: 'Findings' }).waitFor();
    if (ready('ocr')) {
      await viewer().getByRole('list', { name: 'Boxes drawn on the photo' }).getByText(/AB12/).waitFor();
    }
    await screenshot(page, 'evidence-boxes-text');
    // Escape closes the viewer, and focus goes back to the tile that opened it.
    await page.keyboard.press('Escape');
    await viewer().waitFor({ state: 'detached' });
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(/^Open plate\.png/);
  });

  it('says in words when the evidence cannot be loaded, and loads it on Retry', async () => {
    let failuresLeft = 1;
    page = await openApp(browser, app, {
      // Between the page and core: the first evidence.list is answered with a storage error.
      routeSocket: (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((raw) => {
          const message = JSON.parse(String(raw)) as { id: number; name: string };
          if (message.name === 'evidence.list' && failuresLeft > 0) {
            failuresLeft--;
            ws.send(JSON.stringify({ type: 'reply', id: message.id, result: { ok: false, error: { code: 'STORAGE_ERROR', message: 'The evidence store could not be read (disk I/O error).' } } }));
          } else server.send(raw);
        });
      },
    });
    await page.getByRole('table', { name: 'Cases' }).waitFor();
    const panel = await openEvidence(first);
    const notice = panel.getByRole('alert').filter({ hasText: 'The evidence for this case could not be loaded' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain('disk I/O error');
    await screenshot(page, 'evidence-error');
    await notice.getByRole('button', { name: 'Retry' }).click();
    await eventually(() => gallery().getByRole('listitem').count()).toBe(5);
  });

  it('reads well in dark mode', async () => {
    const dark = await openApp(browser, app, { colorScheme: 'dark' });
    page = dark;
    await page.getByRole('table', { name: 'Cases' }).waitFor();
    await openEvidence(first);
    await eventually(() => gallery().getByRole('listitem').count()).toBe(5);
    await tile('damage.jpg').getByRole('button', { name: /^Open damage\.jpg/ }).click();
    await viewer().getByRole('list', { name: 'Findings' }).waitFor();
    await screenshot(page, 'evidence-viewer-dark');
    await expectNoSeriousA11yViolations(page);
  });
});
