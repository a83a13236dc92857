/// <reference types="vite/client" />
import {
  ColumnWidthOutlined,
  LeftOutlined,
  RightOutlined,
  ZoomInOutlined,
  ZoomOutOutlined,
} from '@ant-design/icons';
import { Alert, Button, Space, Spin, Tooltip, Typography } from 'antd';
import type * as PdfJs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
// The worker as a file of the build (served from 'self', as the CSP requires), not a blob: URL.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AttachmentContentType } from '../../../src/domain/procedures/transfer-dossier';
import { useDesktopQuery } from '../desktop-context';
import { ErrorAlert } from './error-alert';
import { pdfDocumentOptions } from './pdf-document-options';

/** pdf.js loads on first use: screens without a document never pay for it. */
let pdfjs: Promise<typeof PdfJs> | undefined;
function loadPdfJs() {
  pdfjs ??= import('pdfjs-dist').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = workerUrl;
    return lib;
  });
  return pdfjs;
}

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;

function decodeBase64(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** A cached file of a dossier: a PDF page by page on a canvas, or an image as it is. */
export function FileViewer({
  sha256,
  contentType,
  fileName,
}: {
  sha256: string;
  contentType: AttachmentContentType;
  fileName: string;
}) {
  const blob = useDesktopQuery('readBlob', { sha256 });
  return (
    <div className="file-viewer" data-testid="file-viewer" data-sha256={sha256}>
      <ErrorAlert error={blob.error} onRetry={blob.reload} />
      {!blob.data && blob.loading && (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin description="Đang mở tài liệu…">
            <div style={{ height: 40 }} />
          </Spin>
        </div>
      )}
      {blob.data &&
        (contentType === 'application/pdf' ? (
          <PdfViewer key={sha256} base64={blob.data.base64} />
        ) : (
          <div
            data-testid="image-viewer"
            data-state="rendered"
            style={{ overflow: 'auto', maxHeight: '75vh', textAlign: 'center' }}
          >
            <img
              src={`data:${blob.data.contentType};base64,${blob.data.base64}`}
              alt={fileName}
              style={{ maxWidth: '100%' }}
            />
          </div>
        ))}
    </div>
  );
}

/**
 * pdf.js renders one page at a time to a canvas: page navigation and zoom ("Vừa khung" fits the
 * page to the width). data-state tells tests when the page is on screen.
 */
export function PdfViewer({ base64 }: { base64: string }) {
  const [doc, setDoc] = useState<PDFDocumentProxy>();
  const [pageNo, setPageNo] = useState(1);
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const [scale, setScale] = useState(1);
  const [state, setState] = useState<'loading' | 'rendered' | 'error'>('loading');
  const [failure, setFailure] = useState<string>();
  const [width, setWidth] = useState(0);
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  // The frame's width, for "Vừa khung".
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) =>
      setWidth(Math.floor(entry?.contentRect.width ?? 0)),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Other bytes: back to the first page of a document still loading (adjusted during render).
  const [shown, setShown] = useState(base64);
  if (shown !== base64) {
    setShown(base64);
    setState('loading');
    setDoc(undefined);
    setPageNo(1);
  }

  useEffect(() => {
    let current = true;
    const task = loadPdfJs().then((lib) =>
      // The bytes go to the worker (it takes them over): a fresh copy per document.
      lib.getDocument({ data: decodeBase64(base64), ...pdfDocumentOptions(document.baseURI) }),
    );
    task
      .then((loading) => loading.promise)
      .then(
        (loaded) => {
          if (current) setDoc(loaded);
        },
        (err: unknown) => {
          if (!current) return;
          console.warn('pdf.js could not open the document', err);
          setFailure('Không mở được tài liệu PDF: tệp bị hỏng hoặc không đúng định dạng.');
          setState('error');
        },
      );
    return () => {
      current = false;
      void task.then((loading) => loading.destroy());
    };
  }, [base64]);

  useEffect(() => {
    const target = canvas.current;
    if (!doc || !target || (zoom === 'fit' && width === 0)) return;
    let current = true;
    let cancel: (() => void) | undefined;
    setState('loading');
    void (async () => {
      try {
        const page = await doc.getPage(pageNo);
        if (!current) return;
        const natural = page.getViewport({ scale: 1 });
        const wanted = zoom === 'fit' ? Math.max(0.25, (width - 2) / natural.width) : zoom;
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: wanted * ratio });
        target.width = Math.floor(viewport.width);
        target.height = Math.floor(viewport.height);
        target.style.width = `${Math.floor(viewport.width / ratio)}px`;
        target.style.height = `${Math.floor(viewport.height / ratio)}px`;
        const render = page.render({ canvas: target, viewport });
        cancel = () => render.cancel();
        await render.promise;
        if (!current) return;
        setScale(wanted);
        setState('rendered');
      } catch (err) {
        if (!current || (err as { name?: string }).name === 'RenderingCancelledException') return;
        console.warn('pdf.js could not render the page', err);
        setFailure('Không hiển thị được trang này của tài liệu.');
        setState('error');
      }
    })();
    return () => {
      current = false;
      cancel?.();
    };
  }, [doc, pageNo, zoom, width]);

  const pages = doc?.numPages ?? 0;
  const zoomBy = (step: 1 | -1) => {
    const now = zoom === 'fit' ? scale : zoom;
    const next =
      step > 0
        ? ZOOMS.find((z) => z > now + 0.01)
        : [...ZOOMS].reverse().find((z) => z < now - 0.01);
    if (next !== undefined) setZoom(next);
  };

  return (
    <div
      data-testid="pdf-viewer"
      data-state={state}
      data-page={pageNo}
      data-pages={pages}
      className="pdf-viewer"
    >
      <Space wrap size={4} style={{ marginBottom: 8 }}>
        <ToolButton
          title="Trang trước"
          icon={<LeftOutlined />}
          disabled={pageNo <= 1}
          onClick={() => setPageNo((n) => n - 1)}
        />
        <Typography.Text data-testid="pdf-page">
          Trang {pages ? pageNo : '–'} / {pages || '–'}
        </Typography.Text>
        <ToolButton
          title="Trang sau"
          icon={<RightOutlined />}
          disabled={pageNo >= pages}
          onClick={() => setPageNo((n) => n + 1)}
        />
        <ToolButton
          title="Thu nhỏ"
          icon={<ZoomOutOutlined />}
          disabled={!doc}
          onClick={() => zoomBy(-1)}
        />
        <Typography.Text style={{ minWidth: 44, textAlign: 'center', display: 'inline-block' }}>
          {Math.round(scale * 100)}%
        </Typography.Text>
        <ToolButton
          title="Phóng to"
          icon={<ZoomInOutlined />}
          disabled={!doc}
          onClick={() => zoomBy(1)}
        />
        <Button
          size="small"
          icon={<ColumnWidthOutlined />}
          disabled={!doc || zoom === 'fit'}
          onClick={() => setZoom('fit')}
        >
          Vừa khung
        </Button>
      </Space>
      {state === 'error' && <Alert type="error" showIcon title={failure} />}
      <div
        ref={frame}
        style={{
          overflow: 'auto',
          maxHeight: '75vh',
          background: '#e8e8e8',
          padding: 1,
          position: 'relative',
        }}
      >
        {state === 'loading' && (
          <Spin style={{ position: 'absolute', top: 24, left: '50%' }} aria-label="Đang tải" />
        )}
        <canvas
          ref={canvas}
          data-testid="pdf-canvas"
          style={{ display: 'block', margin: '0 auto', background: '#fff' }}
        />
      </div>
    </div>
  );
}

/** A toolbar button shown as its icon; the title is its tooltip and its accessible name. */
function ToolButton({
  title,
  icon,
  disabled,
  onClick,
}: {
  title: string;
  icon: ReactNode;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <Tooltip title={title}>
      <Button size="small" icon={icon} aria-label={title} disabled={disabled} onClick={onClick} />
    </Tooltip>
  );
}
