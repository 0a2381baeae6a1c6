// Who works at and buys from the demo company.
import type { Role } from '@mcf/kernel';

export const DEMO_PASSWORD = 'demo-pass-1';

const names: Record<Role, string[]> = {
  manager: ['Tom Whiskers', 'Mira Paws', 'Oscar Purr'],
  clerk: ['Lulu Box', 'Felix Shelf'],
  worker: ['Garfield', 'Luna', 'Simba', 'Nala', 'Salem', 'Chester', 'Tigger', 'Cleo', 'Milo', 'Shadow', 'Pumpkin', 'Smokey'],
  client: ['Biscuit', 'Mochi', 'Pepper', 'Ginger', 'Oreo', 'Ziggy', 'Pixel', 'Muffin'],
};

export interface DemoPerson {
  role: Role;
  name: string;
}

export const demoCast = (): DemoPerson[] => (Object.keys(names) as Role[]).flatMap((role) => names[role].map((name) => ({ role, name })));

export const demoEmail = (p: DemoPerson) => `${p.name.toLowerCase().replace(/[^a-z]+/g, '.')}@${p.role}.demo`;

export const SERVICE_TYPES = [
  { name: 'Jar tossing', description: 'Knocking jars off shelves, carefully or not.', example: 'Three jam jars on the top shelf need to reach the floor.' },
  { name: 'Poking things', description: 'Prodding suspicious objects until they move.', example: 'A new robot vacuum in the hall; nobody knows if it bites.' },
  { name: 'Box inspection', description: 'Sitting in boxes to certify them.', example: 'Twelve delivery boxes arrived; each must be sat in.' },
  { name: 'Toy testing', description: 'Chasing, batting and chewing the latest Happy Cat Box toys.', example: 'The feather wand prototype needs a stress test.' },
];

export const TESTERS = [
  { externalId: 'hcb-1001', name: 'Whiskers McFluff', email: 'whiskers@hcb.demo' },
  { externalId: 'hcb-1002', name: 'Sir Pounce', email: 'pounce@hcb.demo' },
  { externalId: 'hcb-1003', name: 'Duchess Mittens', email: 'mittens@hcb.demo' },
];
