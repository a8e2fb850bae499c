// <bounce-decoder lang="en|de">text</bounce-decoder>: importing "bounce-decoder/element"
// defines the element (browsers only).
import type { Report } from './index.js';

export declare class BounceDecoderElement extends HTMLElement {
  /** The text decoded: set it to decode other text; by default the element's text content. */
  get value(): string;
  set value(text: string | null);
  /** The report shown, once decoded (null before, or for empty text). */
  get report(): Report | null;
  /**
   * Settles once the latest update is shown: resolves with its report (null for empty text,
   * undefined when a newer update replaced it), or rejects with the error the element shows.
   */
  get updateComplete(): Promise<Report | null | undefined>;
}

export interface BounceDecoderEventMap {
  /** Decoded; detail is the whole report. */
  'bounce-decoded': CustomEvent<Report>;
  /** Not decoded (the message says why, e.g. the page's CSP forbids WebAssembly). */
  'bounce-error': CustomEvent<Error>;
}

declare global {
  interface HTMLElementTagNameMap {
    'bounce-decoder': BounceDecoderElement;
  }
  interface HTMLElementEventMap extends BounceDecoderEventMap {}
}
