/** Dense integer positions for item ids, so that the models can use arrays instead of string maps. */
export class ItemIndex {
  private readonly ids: string[] = [];
  private readonly positions = new Map<string, number>();

  get size(): number {
    return this.ids.length;
  }

  /** The item's position, adding the item when it is new. */
  add(itemId: string): number {
    const known = this.positions.get(itemId);
    if (known !== undefined) return known;
    this.ids.push(itemId);
    this.positions.set(itemId, this.ids.length - 1);
    return this.ids.length - 1;
  }

  positionOf(itemId: string): number | undefined {
    return this.positions.get(itemId);
  }

  idAt(position: number): string {
    return this.ids[position]!;
  }
}
