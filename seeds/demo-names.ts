/** Fictional names for demo children: combinations chosen to belong to no one. */
export const GIVEN_NAMES_BOYS = [
  'Aiden', 'Bilal', 'Callum', 'Dane', 'Ellis', 'Faisal', 'Grady', 'Harvey', 'Idris', 'Jayden', 'Kyle',
  'Lewis', 'Mason', 'Nathan', 'Omar', 'Preston', 'Reece', 'Sami', 'Tyler', 'Usman', 'Vinnie', 'Wade',
  'Zain', 'Bailey', 'Corey', 'Declan', 'Ethan', 'Finley', 'Hamza', 'Jordan', 'Kian', 'Logan', 'Riley',
];
export const GIVEN_NAMES_GIRLS = ['Amber', 'Chantelle', 'Demi', 'Esme', 'Kacey', 'Leah', 'Mia', 'Shannon'];
export const FAMILY_NAMES = [
  'Ackroyd', 'Bairstow', 'Calvert', 'Dawson', 'Eastwood', 'Firth', 'Garside', 'Haigh', 'Illingworth',
  'Jagger', 'Kershaw', 'Lockwood', 'Mellor', 'Naylor', 'Oldroyd', 'Priestley', 'Quarmby', 'Rhodes',
  'Sutcliffe', 'Thackray', 'Utley', 'Varley', 'Whiteley', 'Yeadon', 'Hussain', 'Akhtar', 'Mahmood',
  'Begum', 'Okafor', 'Mensah', 'Campbell', 'Novak', 'Kowalski', 'Brennan', 'Tordoff', 'Holroyd',
];
export const ETHNICITIES = [
  'WHITE_BRITISH', 'WHITE_BRITISH', 'WHITE_BRITISH', 'WHITE_OTHER', 'ASIAN_PAKISTANI', 'ASIAN_BANGLADESHI',
  'BLACK_CARIBBEAN', 'BLACK_AFRICAN', 'MIXED_WHITE_BLACK_CARIBBEAN', 'WHITE_BRITISH', 'NOT_STATED',
];
