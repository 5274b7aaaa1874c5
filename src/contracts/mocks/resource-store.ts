/**
 * What makes the REST mock stateful: resources created with POST (or changed with PUT/PATCH,
 * removed with DELETE) are remembered per collection path, so a client can read back what it
 * wrote, which Prism declines to do (prism#2026).
 */
export class ResourceStore {
  private readonly collections = new Map<string, Map<string, Record<string, unknown>>>();
  private readonly deleted = new Set<string>();

  list(collection: string): Record<string, unknown>[] {
    return [...(this.collections.get(collection)?.values() ?? [])];
  }

  get(collection: string, id: string): Record<string, unknown> | undefined {
    return this.collections.get(collection)?.get(id);
  }

  has(collection: string, id: string): boolean {
    return this.collections.get(collection)?.has(id) ?? false;
  }

  isDeleted(collection: string, id: string): boolean {
    return this.deleted.has(`${collection}\u0000${id}`);
  }

  put(collection: string, id: string, value: Record<string, unknown>): void {
    let items = this.collections.get(collection);
    if (!items) this.collections.set(collection, (items = new Map()));
    items.set(id, value);
    this.deleted.delete(`${collection}\u0000${id}`);
  }

  remove(collection: string, id: string): void {
    this.collections.get(collection)?.delete(id);
    this.deleted.add(`${collection}\u0000${id}`);
  }
}
