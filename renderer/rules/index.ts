export { RulesPage } from './RulesPage';
export { createRulesStore, rulesStore, type RulesStore } from './store';
