import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/**
 * A QR code drawn locally (the `qrcode` package, SVG as a data URL): nothing leaves the computer.
 * Used for the authenticator enrollment and for sync pairing codes.
 */
export function QrCode({ value, alt, size = 200 }: { value: string; alt: string; size?: number }) {
  const [src, setSrc] = useState<{ value: string; url: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    QRCode.toString(value, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
      .then((svg) => {
        if (!cancelled) setSrc({ value, url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [value]);

  return <div className="qr">{src?.value === value && <img src={src.url} alt={alt} width={size} height={size} />}</div>;
}
