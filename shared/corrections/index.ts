/** Corrections (handbook §6), pure: the form's suggestions and previews, the timeline's chains. */
export * from './history';
export * from './nextMoves';
export * from './reason';
export * from './suggest';
export * from './decide';
export * from './preview';
export * from './chain';
export * from './time';
export * from './csv';
export * from './requests';
export * from './operatorChanges';
export * from './context';
