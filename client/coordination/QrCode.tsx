import { useEffect, useState } from "react";

/**
 * A link as a QR code for a tablet's or phone's camera. qrcode is loaded only when a code is shown.
 * Nothing is shown until it is drawn (or if it cannot be): the link beside it always works on its own.
 */
export function QrCode({ url, alt }: { url: string; alt: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import("qrcode")
      .then((qrcode) => qrcode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 }))
      .then((text) => live && setSvg(text))
      .catch(() => live && setSvg(null));
    return () => {
      live = false;
    };
  }, [url]);
  if (!svg) return null;
  return <img className="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={alt} />;
}
