import 'reflect-metadata';
import { runLevelProcess } from './levels';

/** Entry point of a forked benchmark level (bench/levels.ts startLevelProcess). */
runLevelProcess();
