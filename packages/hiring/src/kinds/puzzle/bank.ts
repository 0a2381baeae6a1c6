// The built-in puzzles, with their answer key (the index of the right choice). Never sent to candidates.
export interface Puzzle {
  id: string;
  prompt: string;
  choices: string[];
  answer: number;
}

export const BANK: Puzzle[] = [
  { id: 'jars', prompt: 'Three jars stand on a shelf. You knock one off every minute. How many are left on the shelf after two minutes?', choices: ['0', '1', '2', '3'], answer: 1 },
  { id: 'boxes', prompt: 'A box fits one cat. A bigger box fits two cats. How many boxes do four cats need at least, if there is one big box?', choices: ['2', '3', '4', '1'], answer: 1 },
  { id: 'naps', prompt: 'You nap 16 hours a day. How many hours are you awake in two days?', choices: ['8', '16', '32', '4'], answer: 1 },
  { id: 'mice', prompt: 'Which comes next: 1 mouse, 2 mice, 4 mice, 8 mice, …?', choices: ['10', '12', '16', '9'], answer: 2 },
  { id: 'laser', prompt: 'The red dot is on the wall. Where is the torch?', choices: ['On the wall', 'In a human hand', 'Under the sofa', 'Nowhere'], answer: 1 },
  { id: 'stairs', prompt: 'You climb 3 steps and slide back 1, each minute. After 3 minutes, how many steps up are you?', choices: ['3', '6', '9', '5'], answer: 1 },
  { id: 'fish', prompt: 'Two cats share 6 fish fairly, then a third cat joins and they share 6 more fairly. How many fish does the first cat get?', choices: ['3', '5', '4', '6'], answer: 1 },
  { id: 'door', prompt: 'A door is closed. What is the quickest way to the other side?', choices: ['Scratch until someone opens it', 'Wait for the human to open it and then stay where you are', 'Walk around through the open window', 'Yowl at the wall'], answer: 2 },
];
