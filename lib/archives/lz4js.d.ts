// Types for the parts of lz4js (pure-JS LZ4 frame codec, no types of its own) that lib/archives/read.ts uses.
declare module "lz4js" {
  export function decompressBound(src: Uint8Array): number;
  export function decompress(src: Uint8Array, maxSize?: number): Uint8Array;
  export function compress(src: Uint8Array, maxSize?: number): Uint8Array;
}
