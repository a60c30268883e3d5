/**
 * Pictures for exported reports: the map (the analyst's copied image, or a snapshot of
 * the report's own map) and charts drawn as SVG turned into PNG for the DOCX, at twice
 * their size so that they stay sharp when printed.
 */
import type { ReportBlock, ReportDocument } from '../../../shared/reports/report-document';
import { fillSlots } from '../../../shared/reports/report-document';
import { snapshotMap } from '../../map/snapshot/map-snapshot';

export const PRINT_SCALE = 2;

async function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** The report map as an image block: the copied image when there is one, else a snapshot of the map on screen. */
export async function mapPicture(
  copied: { blob: Blob; width: number; height: number } | null,
  mapElement: HTMLElement | null,
  words: { alt: string; caption: string },
): Promise<ReportBlock | null> {
  if (copied !== null) return { kind: 'image', png: await blobBytes(copied.blob), width: copied.width, height: copied.height, alt: words.alt, caption: words.caption };
  if (mapElement === null) return null;
  const snapshot = await snapshotMap(mapElement, { pixelRatio: PRINT_SCALE });
  return { kind: 'image', png: await blobBytes(snapshot.blob), width: snapshot.width, height: snapshot.height, alt: words.alt, caption: words.caption };
}

/** An SVG drawn into a PNG of `scale` times its size. */
export async function svgToPng(svg: string, width: number, height: number, scale = PRINT_SCALE): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('No 2D canvas to draw the chart on.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((blob) => (blob === null ? reject(new Error('The chart could not be drawn as PNG.')) : resolve(blob)), 'image/png');
    });
    return await blobBytes(png);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Every chart of the document given its PNG (the DOCX holds PNG only). */
export async function withChartPngs(document: ReportDocument): Promise<ReportDocument> {
  const sections = await Promise.all(
    document.sections.map(async (section) => ({
      ...section,
      blocks: await Promise.all(
        section.blocks.map(async (block): Promise<ReportBlock> => (block.kind === 'image' && block.svg !== undefined && block.png.length === 0 ? { ...block, png: await svgToPng(block.svg, block.width, block.height) } : block)),
      ),
    })),
  );
  return { ...document, sections };
}

/**
 * The document as it leaves the screen (exported or issued): the map slot holding the
 * map's picture, and every chart its PNG.
 */
export async function documentWithPictures(
  document: ReportDocument,
  copied: { blob: Blob; width: number; height: number; takenAt: string } | null,
  mapElement: HTMLElement | null,
  words: { alt: string; caption: string },
): Promise<ReportDocument> {
  const picture = await mapPicture(copied, mapElement, words);
  return withChartPngs(fillSlots(document, picture === null ? {} : { map: picture }));
}
