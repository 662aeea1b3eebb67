import { TABLES } from "@personalize-ab/domain";
import type { SampleItem, SampleUser } from "./sample-records";

/** A user as the users table holds it: the recipe loader's attribute names. */
export interface UserRecord {
  readonly UserId: string;
  readonly Age: number;
  readonly Gender: string;
  readonly SubscriptionType: string;
}

/** An item as the items table holds it: the recipe loader's attribute names, Price as a number. */
export interface ItemRecord {
  readonly ItemId: string;
  readonly Category: string;
  readonly Price: number;
  readonly Brand: string;
  /** 'YYYY-MM-DD', as the recipe's CREATION_DATE. */
  readonly CreationDate: string;
}

// The key attribute names must be the ones the table catalog declares.
TABLES.users.partitionKey.name satisfies keyof UserRecord;
TABLES.items.partitionKey.name satisfies keyof ItemRecord;
TABLES.items.globalIndexes[0].partitionKey.name satisfies keyof ItemRecord;

export function userRecord(user: SampleUser): UserRecord {
  return { UserId: user.userId, Age: user.age, Gender: user.gender, SubscriptionType: user.subscriptionType };
}

export function itemRecord(item: SampleItem): ItemRecord {
  return {
    ItemId: item.itemId,
    Category: item.category,
    Price: item.price,
    Brand: item.brand,
    CreationDate: new Date(item.creationTimestamp * 1000).toISOString().slice(0, 10),
  };
}
