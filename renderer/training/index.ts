export { TrainingPage } from './TrainingPage';
export { TrainingBand } from './TrainingBand';
export { PracticeResultPage } from './PracticeResultPage';
export {
  answerNoCorrection,
  leavePractice,
  journalSwitched,
  offersRealMistake,
  practiseOnRealMistake,
  PRACTICE_PAGES,
  RESULT_PAGE,
} from './practice';
export { createTrainingStore, trainingStore, type TrainingState } from './store';
