export { TrainingPage } from './TrainingPage';
export { TrainingBand } from './TrainingBand';
export { createTrainingStore, trainingStore, type TrainingState } from './store';
