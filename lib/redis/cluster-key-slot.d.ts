// cluster-key-slot (ioredis's own slot function) ships no types: the one call we use.
declare module "cluster-key-slot" {
  /** The cluster slot (0-16383) of a key, honouring its hash tag. */
  export default function calculateSlot(key: string | Buffer): number;
}
